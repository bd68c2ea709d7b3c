// What every command-line tool does first: read its arguments and the configuration, or say plainly
// what is wrong and exit 2 (a usage error), without a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, getConfig, type Config } from "../app/config.server";

export function argsOrExit<T extends ParseArgsConfig>(options: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(options);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    process.exit(2);
  }
}

export function configOrExit(): Config {
  try {
    return getConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(2);
  }
}
