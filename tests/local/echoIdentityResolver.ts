/** A direct Lambda resolver for tests/local/appsyncDirectives.test.ts: answers with what AppSync passed it. */
export const handler = async (event: { identity: unknown }) => ({
  identity: JSON.stringify(event.identity),
  secret: "only for signed-in users",
});
