/**
 * The project's workflows with example ARNs, for reading and checking a definition without deploying
 * it (`npm run render`). The account and region are AWS's documentation placeholders.
 */
import type { StateMachineDefinition } from "./asl";
import { bookingDefinition } from "./booking";
import { pizzaDefinition } from "./pizza";

/** Example resources, shaped like the ones `pulumi up` creates. */
export const EXAMPLE_ARNS = {
  orderPizzaFunction: "arn:aws:lambda:us-east-1:123456789012:function:pizza-order-fn",
  bookingTableName: "booking-apartments",
  bookingTable: "arn:aws:dynamodb:us-east-1:123456789012:table/booking-apartments",
  bookingsTableName: "booking-bookings",
  bookingsTable: "arn:aws:dynamodb:us-east-1:123456789012:table/booking-bookings",
} as const;

/** Every workflow of the project, by the name `npm run render` takes. */
export const WORKFLOWS: Readonly<Record<string, () => StateMachineDefinition>> = {
  pizza: () => pizzaDefinition({ orderPizzaFunctionArn: EXAMPLE_ARNS.orderPizzaFunction }),
  booking: () =>
    bookingDefinition({
      tableName: EXAMPLE_ARNS.bookingTableName,
      tableArn: EXAMPLE_ARNS.bookingTable,
      bookingsTableName: EXAMPLE_ARNS.bookingsTableName,
      bookingsTableArn: EXAMPLE_ARNS.bookingsTable,
      paymentWindowSeconds: 60,
    }),
};
