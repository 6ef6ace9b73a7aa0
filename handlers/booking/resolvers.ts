/**
 * The booking API's resolvers: which handler serves which field, what AWS calls it makes and what
 * environment it reads. The Pulumi component derives each function's IAM policy from `calls`
 * (least privilege per resolver) and the local stack wires GraphQL fields from this list, so the
 * deployed and the local API cannot drift. tests/booking/resolvers.test.ts checks `calls` against
 * what each handler really sends.
 */
/** An AWS action a resolver calls, on the table or the state machine. */
export type ResolverCall =
  | "dynamodb:GetItem"
  | "dynamodb:Scan"
  | "dynamodb:UpdateItem"
  | "states:StartExecution"
  | "states:DescribeExecution";

/** An environment variable a resolver reads. */
export type ResolverEnvironment = "TABLE_NAME" | "STATE_MACHINE_ARN" | "PAYMENT_WINDOW_SECONDS";

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
    calls: ["dynamodb:GetItem"],
    environment: ["TABLE_NAME"],
  },
  {
    typeName: "Query",
    fieldName: "apartments",
    entry: "handlers/booking/apartments.ts",
    calls: ["dynamodb:Scan"],
    environment: ["TABLE_NAME"],
  },
  {
    typeName: "Query",
    fieldName: "booking",
    entry: "handlers/booking/booking.ts",
    calls: ["states:DescribeExecution", "dynamodb:GetItem"],
    environment: ["TABLE_NAME", "STATE_MACHINE_ARN"],
  },
  {
    typeName: "Mutation",
    fieldName: "bookApartment",
    entry: "handlers/booking/bookApartment.ts",
    calls: ["states:StartExecution", "states:DescribeExecution", "dynamodb:GetItem"],
    environment: ["TABLE_NAME", "STATE_MACHINE_ARN", "PAYMENT_WINDOW_SECONDS"],
  },
  {
    typeName: "Mutation",
    fieldName: "payBooking",
    entry: "handlers/booking/payBooking.ts",
    calls: ["states:DescribeExecution", "dynamodb:UpdateItem", "dynamodb:GetItem"],
    environment: ["TABLE_NAME", "STATE_MACHINE_ARN"],
  },
];
