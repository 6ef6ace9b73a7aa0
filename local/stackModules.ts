/**
 * Everything the local stack loads besides its user pool's emulator, in one module that
 * local/stack.ts imports only once it has forked that emulator: loading these (the definitions and
 * their validator, the handlers, the AWS SDK, dynalite, the ASL engine, graphql-js) takes most of
 * a second, and the emulator's own start-up runs meanwhile in its process instead of after them.
 */
export { bookingDefinition } from "../definitions/booking";
export { pizzaDefinition } from "../definitions/pizza";
export { BOOKING_RESOLVERS } from "../handlers/booking/resolvers";
export { handler as orderPizza } from "../handlers/orderPizza";
export { loadStackConfig, projectName } from "../common/stackConfig";
export { LocalConsoleSite, localConsoleConfig } from "./consoleSite";
export {
  LOCAL_CREDENTIALS,
  ensureApartmentsTable,
  ensureBookingsTable,
  seedApartments,
  startDynamoDB,
} from "./dynamodb";
export { LocalGraphqlApi } from "./graphqlApi";
export { PIZZA_EDGE_PATHS, addSecurityHeaders, pizzaResponsesSetting } from "./edge";
export { HandlerEnvironment } from "./handlerEnvironment";
export { sendJson, sendNotFound } from "./httpJson";
export { handlePizzaOrder } from "./pizzaApi";
export { handleMappedPizzaOrder } from "./pizzaMappedApi";
export { readStackSettings } from "./stackSettings";
export { stepFunctionsListener } from "./stepFunctionsApi";
export { retentionFromEnv, setUpStepFunctions } from "./stepFunctionsSetup";
export { startUserPool } from "./userPool";
