import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { appSyncSchemaProblems, checkAppSyncSchema } from "../../components/appsyncSchema";

const BOOKING_SCHEMA = path.resolve(__dirname, "../../handlers/booking/schema.graphql");
const rulesOf = (sdl: string) => appSyncSchemaProblems(sdl).map((problem) => problem.rule);

describe("AppSync schema compatibility", () => {
  it("accepts the booking schema we deploy", () => {
    assert.deepStrictEqual(appSyncSchemaProblems(readFileSync(BOOKING_SCHEMA, "utf8")), []);
  });

  it("accepts AppSync's multi-auth directives and scalars, as AWS's documentation writes them", () => {
    // The shape of the example in AppSync's "Using additional authorization modes".
    const sdl = `
      type Post @aws_api_key @aws_cognito_user_pools {
        id: ID!
        author: String
        publishedAt: AWSDateTime
        secret: String @aws_iam
        draft: String @aws_cognito_user_pools(cognito_groups: ["Editors"])
        views: Int @aws_oidc @aws_lambda
      }
      type Query {
        apartments: [Post!]! @aws_api_key @aws_cognito_user_pools
        old: String @deprecated(reason: "use apartments")
      }
      type Mutation { addPost(id: ID!): Post @aws_auth(cognito_groups: ["Admins"]) }
      type Subscription { addedPost: Post @aws_subscribe(mutations: ["addPost"]) }
    `;
    assert.deepStrictEqual(appSyncSchemaProblems(sdl), []);
  });

  const refused: [string, string, string[]][] = [
    [
      "descriptions on enum values (aws-appsync-community #55)",
      `enum Status { "Free." VACANT PAID } type Query { s: Status }`,
      ["enum-value-description"],
    ],
    ["a custom scalar", `scalar Money type Query { price: Money }`, ["custom-scalar"]],
    ["an AWS scalar declared again", `scalar AWSDateTime type Query { at: AWSDateTime }`, ["custom-scalar"]],
    ["an AWS scalar misspelt", `type Query { at: AWSDatetime }`, ["graphql"]],
    [
      "a type named with AppSync's AWS prefix",
      `type AWSThing { a: Int } type Query { t: AWSThing }`,
      ["aws-prefix"],
    ],
    [
      "a directive AppSync does not know",
      `directive @auth on FIELD_DEFINITION type Query { a: Int @auth }`,
      ["unsupported-directive", "unsupported-directive"],
    ],
    [
      "an interface implementing an interface (aws-appsync-community #387)",
      `interface Node { id: ID! } interface Named implements Node { id: ID! name: String }
       type Thing implements Named & Node { id: ID! name: String } type Query { t: Thing }`,
      ["interface-implements-interface"],
    ],
    ["a type extension", `type Query { a: Int } extend type Query { b: Int }`, ["type-extension"]],
    ["text that is not GraphQL", `type Query { a: }`, ["graphql"]],
  ];
  for (const [what, sdl, rules] of refused) {
    it(`refuses ${what}`, () => {
      assert.deepStrictEqual(rulesOf(sdl).sort(), rules);
    });
  }

  it("throws with the file, line, rule and fix of each problem", () => {
    assert.throws(
      () =>
        checkAppSyncSchema(
          `enum Status {\n  "Free."\n  VACANT\n}\ntype Query { s: Status }`,
          "schema.graphql",
        ),
      /^Error: schema.graphql would be refused by AppSync:\n {2}- schema\.graphql:2:3 \[enum-value-description\] enum value VACANT has a description; .*move it/,
    );
  });
});
