// The second entry point of the bundle: Mermaid alone, fetched by the Executions view on first use.
export { default } from "mermaid";
