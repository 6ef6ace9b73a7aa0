import { assertPath } from "../jsonpath";
import type { TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject } from "../types";
import { integrationResource, parseArn } from "./arn";

/** A DynamoDB table as the builder needs it: the name goes in requests, the ARN in the policy. */
export interface DynamoTable {
  readonly name: string;
  readonly arn: string;
}

/**
 * A DynamoDB attribute value in a request, fixed or read from the input (`{"S.$": "$.id"}`).
 * Separate factories for the two, so a literal string that starts with `$` is never mistaken for a path.
 */
export class DynamoValue {
  private constructor(readonly json: JsonObject) {}

  /** A fixed string (`{S: value}`). */
  static string(value: string): DynamoValue {
    return new DynamoValue({ S: value });
  }
  /** A string read from the input (`{"S.$": path}`); `path` may also be an intrinsic call. */
  static stringAt(path: string): DynamoValue {
    return DynamoValue.at("S", path);
  }
  /** A fixed number (`{N: "42"}`). */
  static number(value: number): DynamoValue {
    if (!Number.isFinite(value)) throw new Error(`DynamoValue.number: ${value} is not a finite number`);
    return new DynamoValue({ N: String(value) });
  }
  /** A number read from the input as a string, as DynamoDB's `N` requires (`{"N.$": path}`). */
  static numberAt(path: string): DynamoValue {
    return DynamoValue.at("N", path);
  }
  /** A fixed boolean (`{BOOL: value}`). */
  static boolean(value: boolean): DynamoValue {
    return new DynamoValue({ BOOL: value });
  }
  /** A boolean read from the input (`{"BOOL.$": path}`). */
  static booleanAt(path: string): DynamoValue {
    return DynamoValue.at("BOOL", path);
  }

  private static at(type: string, path: string): DynamoValue {
    if (!path.startsWith("States."))
      assertPath(
        path,
        "path",
        `DynamoValue.${type === "S" ? "string" : type === "N" ? "number" : "boolean"}At`,
      );
    return new DynamoValue({ [`${type}.$`]: path });
  }
}

/** Options shared by the conditional writes. */
interface ConditionalWrite {
  /** Makes the write happen only if this holds; otherwise the task fails with `DynamoDB.ConditionalCheckFailedException`. */
  readonly conditionExpression?: string;
  /** Placeholders for attribute names (`{"#status": "Status"}`), needed for reserved words. */
  readonly expressionAttributeNames?: Record<string, string>;
  /** Placeholders for values (`{":vacant": DynamoValue.string("VACANT")}`). */
  readonly expressionAttributeValues?: Record<string, DynamoValue>;
  /** What the result holds. @default "NONE" */
  readonly returnValues?: "NONE" | "ALL_OLD" | "UPDATED_OLD" | "ALL_NEW" | "UPDATED_NEW";
}

/** Options of getItem. */
export interface GetItemProps extends TaskStateOptions {
  readonly table: DynamoTable;
  readonly key: Record<string, DynamoValue>;
  /** Reads the latest committed write instead of an eventually consistent copy. @default false */
  readonly consistentRead?: boolean;
  readonly projectionExpression?: string;
  readonly expressionAttributeNames?: Record<string, string>;
}

/** Options of putItem. */
export interface PutItemProps extends TaskStateOptions, ConditionalWrite {
  readonly table: DynamoTable;
  readonly item: Record<string, DynamoValue>;
}

/** Options of updateItem. */
export interface UpdateItemProps extends TaskStateOptions, ConditionalWrite {
  readonly table: DynamoTable;
  readonly key: Record<string, DynamoValue>;
  readonly updateExpression: string;
}

/** Options of deleteItem. */
export interface DeleteItemProps extends TaskStateOptions, ConditionalWrite {
  readonly table: DynamoTable;
  readonly key: Record<string, DynamoValue>;
}

/**
 * DynamoDB service integrations (request-response only, as Step Functions offers them). Each task's
 * role is allowed exactly its one action on exactly its table.
 */
export const DynamoDB = {
  /** `dynamodb:getItem`: the result is `{Item}` (absent when there is no such item). */
  getItem(name: string, props: GetItemProps): Task {
    return dynamoTask(name, "getItem", "GetItem", props, {
      Key: values(props.key),
      ConsistentRead: props.consistentRead,
      ProjectionExpression: props.projectionExpression,
      ExpressionAttributeNames: props.expressionAttributeNames,
    });
  },
  /** `dynamodb:putItem`: writes a whole item. */
  putItem(name: string, props: PutItemProps): Task {
    return dynamoTask(name, "putItem", "PutItem", props, { Item: values(props.item), ...writeFields(props) });
  },
  /** `dynamodb:updateItem`: changes attributes of one item. */
  updateItem(name: string, props: UpdateItemProps): Task {
    return dynamoTask(name, "updateItem", "UpdateItem", props, {
      Key: values(props.key),
      UpdateExpression: props.updateExpression,
      ...writeFields(props),
    });
  },
  /** `dynamodb:deleteItem`: removes one item. */
  deleteItem(name: string, props: DeleteItemProps): Task {
    return dynamoTask(name, "deleteItem", "DeleteItem", props, {
      Key: values(props.key),
      ...writeFields(props),
    });
  },
};

function dynamoTask(
  name: string,
  action: string,
  iamAction: string,
  props: TaskStateOptions & { table: DynamoTable },
  request: Record<string, JsonObject[string] | undefined>,
): Task {
  const { partition } = parseArn(props.table.arn, `State "${name}" table.arn`);
  const parameters: JsonObject = { TableName: props.table.name };
  for (const [key, value] of Object.entries(request)) if (value !== undefined) parameters[key] = value;
  return new Task(name, {
    ...props,
    integration: {
      resource: integrationResource(
        partition,
        "dynamodb",
        action,
        "REQUEST_RESPONSE",
        ["REQUEST_RESPONSE"],
        name,
      ),
      parameters,
      permissions: [{ Effect: "Allow", Action: [`dynamodb:${iamAction}`], Resource: [props.table.arn] }],
      pattern: "REQUEST_RESPONSE",
    },
  });
}

function values(record: Record<string, DynamoValue>): JsonObject {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value.json]));
}

function writeFields(props: ConditionalWrite): Record<string, JsonObject[string] | undefined> {
  return {
    ConditionExpression: props.conditionExpression,
    ExpressionAttributeNames: props.expressionAttributeNames,
    ExpressionAttributeValues: props.expressionAttributeValues
      ? values(props.expressionAttributeValues)
      : undefined,
    ReturnValues: props.returnValues,
  };
}
