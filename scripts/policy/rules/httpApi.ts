/** API Gateway HTTP APIs: throttled, access-logged, and no route whose authorization is left implicit. */
import { field, ofType, violation } from "../resources";
import type { PolicyRule } from "../rule";

const STAGE = "aws:apigatewayv2/stage:Stage";
const ROUTE = "aws:apigatewayv2/route:Route";

export const HTTP_API_RULES: PolicyRule[] = [
  {
    id: "http-api-throttling",
    description:
      "HTTP API stages set their own throttling (the account default is shared by every API in the Region)",
    check: (ctx) =>
      ofType(ctx, STAGE)
        .filter(
          (stage) =>
            !(Number(field(stage, "defaultRouteSettings", "throttlingRateLimit")) > 0) ||
            !(Number(field(stage, "defaultRouteSettings", "throttlingBurstLimit")) > 0),
        )
        .map((stage) =>
          violation(
            "http-api-throttling",
            stage,
            "set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit for this API's expected load",
          ),
        ),
  },
  {
    id: "http-api-access-logs",
    description: "HTTP API stages write access logs",
    check: (ctx) =>
      ofType(ctx, STAGE)
        .filter(
          (stage) =>
            !field(stage, "accessLogSettings", "destinationArn") ||
            !field(stage, "accessLogSettings", "format"),
        )
        .map((stage) =>
          violation(
            "http-api-access-logs",
            stage,
            "set accessLogSettings with a log group's destinationArn and a format",
          ),
        ),
  },
  {
    id: "http-api-route-authorization",
    description:
      "Every HTTP API route states its authorization type, NONE included, so a public route is a decision",
    check: (ctx) =>
      ofType(ctx, ROUTE)
        .filter((route) => typeof route.inputs.authorizationType !== "string")
        .map((route) =>
          violation(
            "http-api-route-authorization",
            route,
            'set authorizationType: "JWT", "AWS_IAM" or "CUSTOM", or "NONE" for a deliberately public route',
          ),
        ),
  },
];
