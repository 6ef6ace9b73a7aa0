/**
 * The booking API as the bench's users call it: plain GraphQL over HTTP, the way any client would,
 * each user signed in to the stack's user pool (bookings need a user; the API key only lists).
 */
import { issueIdToken } from "../token";

/** How one user authenticates its requests. */
export interface Session {
  readonly user: string;
  readonly headers: Record<string, string>;
}

/** A booking as the API answers it. */
export interface BookingAnswer {
  readonly id: string;
  readonly status: string;
}

/** The calls the bench makes. */
export interface BookingClient {
  signIn(user: string): Promise<Session>;
  vacantApartments(session: Session): Promise<string[]>;
  book(session: Session, apartmentId: string, bookingId: string): Promise<BookingAnswer>;
  booking(session: Session, bookingId: string): Promise<BookingAnswer>;
}

/** A client for the stack whose outputs are given (`.local/outputs.json`'s content). */
export function bookingClient(outputs: Record<string, string>): BookingClient {
  const url = outputs.bookingGraphqlUrl;
  const call = async <T>(session: Session, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...session.headers },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (answer.errors?.length || answer.data === undefined) {
      throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(answer.errors ?? answer)}`);
    }
    return answer.data;
  };
  return {
    async signIn(user) {
      const token = await issueIdToken(
        {
          bookingUserPoolEndpoint: outputs.bookingUserPoolEndpoint,
          bookingUserPoolId: outputs.bookingUserPoolId,
          bookingUserPoolClientId: outputs.bookingUserPoolClientId,
        },
        user,
      );
      return { user, headers: { authorization: token } };
    },
    async vacantApartments(session) {
      const data = await call<{ apartments: { id: string; status: string }[] }>(
        session,
        "{ apartments { id status } }",
      );
      return data.apartments
        .filter((apartment) => apartment.status === "VACANT")
        .map((apartment) => apartment.id);
    },
    async book(session, apartmentId, bookingId) {
      const data = await call<{ bookApartment: BookingAnswer }>(
        session,
        "mutation ($a: ID!, $b: ID) { bookApartment(apartmentId: $a, bookingId: $b) { id status } }",
        { a: apartmentId, b: bookingId },
      );
      return data.bookApartment;
    },
    async booking(session, bookingId) {
      const data = await call<{ booking: BookingAnswer }>(
        session,
        "query ($id: ID!) { booking(id: $id) { id status } }",
        {
          id: bookingId,
        },
      );
      return data.booking;
    },
  };
}
