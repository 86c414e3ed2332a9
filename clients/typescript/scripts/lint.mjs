// Lints the API description with Redocly's recommended rules: any error fails the build, warnings are shown.
import { createConfig, formatProblems, lint } from "@redocly/openapi-core";

const ref = process.argv[2];
const config = await createConfig({ extends: ["recommended"] });
const problems = await lint({ ref, config });
const errors = problems.filter((p) => p.severity === "error").length;
formatProblems(problems, { format: "stylish", totals: { errors, warnings: problems.length - errors, ignored: 0 }, version: "" });
console.log(`${ref}: ${errors} error(s), ${problems.length - errors} warning(s) under Redocly's recommended rules`);
process.exit(errors > 0 ? 1 : 0);
