// Every policy rule `npm run policy` evaluates: add a group's file and one line here.
import type { PolicyRule } from "../rule";
import { APPSYNC_RULES } from "./appsync";
import { DYNAMODB_RULES } from "./dynamodb";
import { EDGE_RULES } from "./edge";
import { HTTP_API_RULES } from "./httpApi";
import { IAM_RULES } from "./iam";
import { LAMBDA_RULES } from "./lambda";
import { LOG_RULES } from "./logs";
import { STATE_MACHINE_RULES } from "./stateMachines";

export const POLICY_RULES: readonly PolicyRule[] = [
  ...STATE_MACHINE_RULES,
  ...HTTP_API_RULES,
  ...APPSYNC_RULES,
  ...DYNAMODB_RULES,
  ...LAMBDA_RULES,
  ...IAM_RULES,
  ...LOG_RULES,
  ...EDGE_RULES,
];
