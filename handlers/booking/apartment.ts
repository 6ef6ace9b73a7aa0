/** `apartment(id)`: one apartment, or null when there is none with this id. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Apartment } from "./lib/apartments";
import { getApartment, toApartment } from "./lib/apartments";
import { parseApartmentId } from "./lib/validation";

/** The arguments of `apartment`. */
export interface ApartmentArgs {
  id: string;
}

/** Resolves `Query.apartment`. Errors: `BadRequest` for a malformed id. */
export const handler = async (event: AppSyncResolverEvent<ApartmentArgs>): Promise<Apartment | null> => {
  const apartment = await getApartment(parseApartmentId(event.arguments.id, "id"));
  return apartment && toApartment(apartment);
};
