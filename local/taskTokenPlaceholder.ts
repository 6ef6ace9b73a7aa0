/**
 * What the task token (`$$.Task.Token`, `$states.context.Task.Token`) reads as while a Task's
 * parameters are resolved: aws-local-stepfunctions takes one context object per execution, so each
 * task call swaps this text for a fresh token (taskResources) before anything sees the parameters.
 */
export const TASK_TOKEN_PLACEHOLDER = "local-stack:task-token-placeholder";
