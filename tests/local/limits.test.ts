/**
 * AppSync's limits on the local GraphQL API: resolverCountLimit and queryDepthLimit refuse an
 * operation before any resolver runs, and introspection follows the stack (on in dev, off in prod).
 */
import assert from "node:assert/strict";
import { Kind, parse } from "graphql";
import type { OperationDefinitionNode } from "graphql";
import { exceededLimit, measure } from "../../local/appsyncLimits";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

/** The schema shape `measure` walks, for the unit cases. */
const TYPES: Record<string, Record<string, string>> = {
  Query: { apartments: "Apartment", booking: "Booking", __schema: "__Schema" },
  Mutation: { bookApartment: "Booking" },
  Apartment: { id: "ID", status: "ApartmentStatus" },
  Booking: { id: "ID", status: "BookingStatus" },
};
const measured = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return measure(
    document,
    operation,
    (type, field) => (type === "Query" || type === "Mutation") && !field.startsWith("__"),
    (type, field) => TYPES[type]?.[field],
  );
};

describe("AppSync limits: measuring an operation", () => {
  it("counts a root field as level 1 and each sub-selection as one more, through fragments", () => {
    assert.deepStrictEqual(measured("{ apartments { id } }"), { depth: 2, resolvers: 1 });
    assert.deepStrictEqual(measured("{ apartments { ...A } } fragment A on Apartment { id status }"), {
      depth: 2,
      resolvers: 1,
    });
    assert.deepStrictEqual(measured("{ __typename }"), { depth: 1, resolvers: 0 });
  });

  it("counts every aliased resolver field, so 1,000 aliases are 1,000 resolvers", () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `b${i}: bookApartment(apartmentId: "A-101") { id }`,
    );
    assert.deepStrictEqual(measured(`mutation { ${aliases.join(" ")} }`), { depth: 2, resolvers: 1000 });
  });

  it("names the limit that is exceeded", () => {
    const limits = { queryDepthLimit: 2, resolverCountLimit: 10, introspection: true };
    assert.equal(exceededLimit(limits, { depth: 2, resolvers: 10 }), undefined);
    assert.deepStrictEqual(exceededLimit(limits, { depth: 2, resolvers: 11 }), {
      errorType: "ResolverExecutionLimitReached",
      message: "Resolver invocation limit reached.",
    });
    assert.match(
      exceededLimit(limits, { depth: 3, resolvers: 1 })?.message ?? "",
      /^Query depth limit of 2 exceeded/,
    );
    // 0 means no depth limit and AppSync's default of 10,000 resolvers.
    const defaults = { queryDepthLimit: 0, resolverCountLimit: 0, introspection: true };
    assert.equal(exceededLimit(defaults, { depth: 75, resolvers: 10_000 }), undefined);
    assert.equal(
      exceededLimit(defaults, { depth: 1, resolvers: 10_001 })?.errorType,
      "ResolverExecutionLimitReached",
    );
  });
});

describe("AppSync limits on the local GraphQL API (dev stack: depth 5, 10 resolvers, introspection on)", function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack()));
  after(() => stack.stop());

  it("refuses the 1,000-alias bookApartment mutation whole, before any booking starts", async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) =>
        `b${i}: bookApartment(apartmentId: "A-10${(i % 3) + 1}", bookingId: "alias-${i}") { id status }`,
    );
    const { status, body } = await stack.graphql(`mutation { ${aliases.join("\n")} }`);
    assert.equal(status, 200);
    assert.deepStrictEqual(body, {
      data: null,
      errors: [
        {
          path: null,
          locations: [],
          errorType: "ResolverExecutionLimitReached",
          message: "Resolver invocation limit reached.",
        },
      ],
    });
    const after = await stack.graphql(
      '{ apartments { id status } first: booking(id: "alias-0") { id } last: booking(id: "alias-999") { id } }',
    );
    assert.deepStrictEqual(after.body.data, {
      apartments: [
        { id: "A-101", status: "VACANT" },
        { id: "A-102", status: "VACANT" },
        { id: "A-103", status: "VACANT" },
      ],
      first: null,
      last: null,
    });
  });

  it("runs an operation of exactly 10 resolvers", async () => {
    const fields = Array.from({ length: 10 }, (_, i) => `a${i}: apartments { id }`).join(" ");
    const { body } = await stack.graphql(`{ ${fields} }`);
    assert.equal(body.errors, undefined);
    assert.equal(Object.keys(body.data ?? {}).length, 10);
  });

  it("refuses a query deeper than 5 levels, and answers introspection that stays within it", async () => {
    const deep = await stack.graphql("{ __schema { types { fields { type { ofType { name } } } } } }");
    assert.equal(deep.body.data, null);
    assert.equal(
      deep.body.errors?.[0].message,
      "Query depth limit of 5 exceeded: the operation is 6 levels deep",
    );
    const shallow = await stack.graphql("{ __schema { queryType { name } } }");
    assert.deepStrictEqual(shallow.body, { data: { __schema: { queryType: { name: "Query" } } } });
  });
});

describe("AppSync limits on the local GraphQL API (prod stack: introspection off)", function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack({ stack: "prod" })));
  after(() => stack.stop());

  it("refuses __schema and __type as undefined fields, as AppSync does with introspection disabled", async () => {
    for (const [query, field] of [
      ["{ __schema { queryType { name } } }", "__schema"],
      ['{ __type(name: "Booking") { name } }', "__type"],
    ]) {
      const { status, body } = await stack.graphql(query);
      assert.equal(status, 200);
      assert.equal(body.data, null);
      assert.equal(
        body.errors?.[0].message,
        `Validation error of type FieldUndefined: Field '${field}' in type 'Query' is undefined @ '${field}'`,
      );
    }
    const { body } = await stack.graphql("{ apartments { id __typename } }");
    assert.equal(body.errors, undefined, "__typename is not introspection");
  });
});
