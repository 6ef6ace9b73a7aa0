import assert from "node:assert/strict";
import * as dynamodb from "@aws-sdk/client-dynamodb";
import {
  Chain,
  DYNAMODB_ERROR_CODES,
  Parallel,
  Pass,
  StateMachineDefinition,
  unknownServiceErrors,
} from "../../definitions/asl";
import { WORKFLOWS } from "../../definitions/examples";

/**
 * Codes "Error handling with DynamoDB" documents that the SDK reports through its generic
 * DynamoDBServiceException instead of a class of their own (authentication and request-shape errors).
 */
const DOCUMENTED_WITHOUT_SDK_CLASS = [
  "AccessDeniedException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "UnrecognizedClientException",
  "ValidationException",
  "ServiceUnavailable",
];

describe("service error names in Retry and Catch", () => {
  it("lists only DynamoDB error codes the AWS SDK models or DynamoDB's error documentation names", () => {
    const sdkExceptions = Object.entries(dynamodb)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof Error)
      .map(([name]) => name);
    for (const code of DYNAMODB_ERROR_CODES)
      assert.ok(
        sdkExceptions.includes(code) || DOCUMENTED_WITHOUT_SDK_CLASS.includes(code),
        `${code} is neither an @aws-sdk/client-dynamodb exception nor a documented code`,
      );
  });

  for (const [name, definition] of Object.entries(WORKFLOWS)) {
    it(`finds only real service errors in the ${name} workflow`, () => {
      assert.deepStrictEqual(unknownServiceErrors(JSON.parse(definition().toJson())), []);
    });
  }

  it("reports a DynamoDB error that can never occur, with the state and the real name", () => {
    // What the booking machine retried before: DynamoDB's 500 is "InternalServerError".
    const asl = {
      States: {
        Reserve: {
          Retry: [{ ErrorEquals: ["DynamoDB.ThrottlingException", "DynamoDB.InternalServerErrorException"] }],
          Catch: [{ ErrorEquals: ["DynamoDB.ConditionalCheckFailedException", "States.ALL"] }],
        },
      },
    };
    assert.deepStrictEqual(unknownServiceErrors(asl), [
      {
        state: "Reserve",
        error: "DynamoDB.InternalServerErrorException",
        didYouMean: ["DynamoDB.InternalServerError"],
      },
    ]);
  });

  it("looks inside Parallel branches, naming the nested state by its path", () => {
    const inner = new Pass("Inner");
    const parallel = new Parallel("Both").branch(Chain.start(inner));
    parallel.addRetry({ errors: ["DynamoDB.Throttled"] });
    const asl = JSON.parse(StateMachineDefinition.fromChain(Chain.start(parallel)).toJson()) as {
      States: Record<string, { Branches: { States: Record<string, unknown> }[] }>;
    };
    asl.States.Both.Branches[0].States.Inner = {
      Type: "Pass",
      End: true,
      Retry: [{ ErrorEquals: ["DynamoDB.Nope"] }],
    };
    assert.deepStrictEqual(
      unknownServiceErrors(asl).map(({ state, error }) => `${state} ${error}`),
      ["Both DynamoDB.Throttled", "Both/Inner DynamoDB.Nope"],
    );
  });
});
