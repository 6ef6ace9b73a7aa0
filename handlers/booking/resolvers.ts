/**
 * The booking API's resolvers: which handler serves which field, what AWS calls it makes and what
 * environment it reads. The Pulumi component derives each function's IAM policy from `calls`
 * (least privilege per resolver) and the local stack wires GraphQL fields from this list, so the
 * deployed and the local API cannot drift. tests/booking/resolvers.test.ts checks `calls` against
 * what each handler really sends, table by table.
 */

/** The two tables: apartments, and the durable booking records. */
export type ResolverTable = "apartments" | "bookings";
/** A DynamoDB action a resolver sends. */
export type ResolverDynamoAction =
  "dynamodb:GetItem" | "dynamodb:PutItem" | "dynamodb:Query" | "dynamodb:Scan" | "dynamodb:UpdateItem";

/** An AWS action a resolver calls and what on: `"dynamodb:GetItem on bookings"`, or StartExecution on the state machine. */
export type ResolverCall = `${ResolverDynamoAction} on ${ResolverTable}` | "states:StartExecution";

/** An environment variable a resolver reads. */
export type ResolverEnvironment =
  "TABLE_NAME" | "BOOKINGS_TABLE_NAME" | "STATE_MACHINE_ARN" | "PAYMENT_WINDOW_SECONDS" | "MAX_OPEN_BOOKINGS";

/** One direct Lambda resolver. */
export interface BookingResolver {
  /** The GraphQL type whose field it resolves. */
  readonly typeName: "Query" | "Mutation";
  /** The field it resolves, as named in schema.graphql. */
  readonly fieldName: string;
  /** The handler file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  /** Exactly the AWS actions the handler sends: its IAM policy allows these and no others. */
  readonly calls: readonly ResolverCall[];
  /** Exactly the environment variables the handler reads: the function is given these. */
  readonly environment: readonly ResolverEnvironment[];
}

/** Every resolver of the booking API, one per Query and Mutation field of schema.graphql. */
export const BOOKING_RESOLVERS: readonly BookingResolver[] = [
  {
    typeName: "Query",
    fieldName: "apartment",
    entry: "handlers/booking/apartment.ts",
    calls: ["dynamodb:GetItem on apartments"],
    environment: ["TABLE_NAME"],
  },
  {
    typeName: "Query",
    fieldName: "apartments",
    entry: "handlers/booking/apartments.ts",
    calls: ["dynamodb:Scan on apartments"],
    environment: ["TABLE_NAME"],
  },
  {
    typeName: "Query",
    fieldName: "booking",
    entry: "handlers/booking/booking.ts",
    calls: ["dynamodb:GetItem on bookings", "dynamodb:GetItem on apartments"],
    environment: ["TABLE_NAME", "BOOKINGS_TABLE_NAME"],
  },
  {
    typeName: "Query",
    fieldName: "myBookings",
    entry: "handlers/booking/myBookings.ts",
    calls: ["dynamodb:Query on bookings", "dynamodb:GetItem on apartments"],
    environment: ["TABLE_NAME", "BOOKINGS_TABLE_NAME"],
  },
  {
    typeName: "Mutation",
    fieldName: "bookApartment",
    entry: "handlers/booking/bookApartment.ts",
    calls: [
      "dynamodb:GetItem on bookings",
      "dynamodb:PutItem on bookings",
      "dynamodb:Query on bookings",
      "dynamodb:UpdateItem on bookings",
      "states:StartExecution",
      "dynamodb:GetItem on apartments",
    ],
    environment: [
      "TABLE_NAME",
      "BOOKINGS_TABLE_NAME",
      "STATE_MACHINE_ARN",
      "PAYMENT_WINDOW_SECONDS",
      "MAX_OPEN_BOOKINGS",
    ],
  },
  {
    typeName: "Mutation",
    fieldName: "payBooking",
    entry: "handlers/booking/payBooking.ts",
    calls: [
      "dynamodb:GetItem on bookings",
      "dynamodb:UpdateItem on bookings",
      "dynamodb:GetItem on apartments",
      "dynamodb:UpdateItem on apartments",
    ],
    environment: ["TABLE_NAME", "BOOKINGS_TABLE_NAME"],
  },
];
