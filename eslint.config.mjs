// Flat config: typescript-eslint's recommended rules on every TypeScript file in the project.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "bin/**", "dist/**", ".local/**"] },
  ...tseslint.configs.recommended,
  {
    // Mocha loads reporters and its file timings with require(), and the bench preloads its probes
    // and every command its TypeScript loader with node -r, so these stay CommonJS scripts.
    files: ["tests/reporter.js", "tests/fileTimings.js", "scripts/bench/*.js", "common/register.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", console: "readonly", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
);
