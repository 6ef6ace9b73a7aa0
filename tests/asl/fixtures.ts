/** ARNs used across the builder tests; shaped like real ones so ARN parsing is exercised. */
export const FN_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:order";
export const TABLE = { name: "apartments", arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/apartments" };
export const OTHER_TABLE = { name: "audit", arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/audit" };
export const CHILD_ARN = "arn:aws:states:eu-west-1:111122223333:stateMachine:child";
