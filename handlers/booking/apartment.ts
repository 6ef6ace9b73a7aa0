/** `apartment(id)`: one apartment, or null when there is none with this id. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Apartment } from "./lib/apartments";
import { getApartment, toApartment } from "./lib/apartments";
import { callerOf } from "./lib/identity";
import { parseApartmentId } from "./lib/validation";

/** The arguments of `apartment`. */
export interface ApartmentArgs {
  id: string;
}

/**
 * Resolves `Query.apartment` for a signed-in user; the booking id shows only if it is the
 * caller's. Errors: `Unauthorized`; `BadRequest` for a malformed id.
 */
export const handler = async (event: AppSyncResolverEvent<ApartmentArgs>): Promise<Apartment | null> => {
  const viewer = callerOf(event);
  const apartment = await getApartment(parseApartmentId(event.arguments.id, "id"));
  return apartment && toApartment(apartment, viewer);
};
