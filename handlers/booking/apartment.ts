/** `apartment(id)`: one apartment, or null when there is none with this id. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Apartment } from "./lib/apartments";
import { getApartment, toApartment } from "./lib/apartments";
import { checkApartmentId } from "./lib/validation";

export const handler = async (event: AppSyncResolverEvent<{ id: string }>): Promise<Apartment | null> => {
  const apartment = await getApartment(checkApartmentId(event.arguments.id, "id"));
  return apartment ? toApartment(apartment) : null;
};
