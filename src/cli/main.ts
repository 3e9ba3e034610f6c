import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { DatabaseBusyError } from '../server/db/lock.ts';
import { COMMANDS, type Command } from './commands.ts';

const USAGE = `gotong — community program platform / platform program komunitas

Usage: gotong <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}

Run "gotong <command> --help" for a command's options.
Configuration comes from the environment (PORT, DATA_DIR, DATABASE_URL, SECRET_KEY, LOG_LEVEL, …);
see docs/configuration.md.`;

function help(c: Command) {
  const opts = Object.entries(c.options)
    .map(([k, o]) => `  --${k}${o.type === 'string' ? ` <${o.placeholder ?? 'value'}>` : ''}${o.required ? '' : ' (optional)'}\n      ${o.description}`)
    .join('\n');
  return `Usage: gotong ${c.name}${(c.positionals ?? []).map((p) => ` <${p}>`).join('')}${Object.entries(c.options)
    .map(([k, o]) => (o.required ? ` --${k} <${o.placeholder ?? 'value'}>` : ` [--${k}${o.type === 'string' ? ` <${o.placeholder ?? 'value'}>` : ''}]`))
    .join('')}\n\n${c.summary}\n${c.details ? `\n${c.details}\n` : ''}${opts ? `\nOptions:\n${opts}\n` : ''}`;
}

async function main(argv: string[]) {
  const words: string[] = [];
  while (argv.length && !argv[0].startsWith('-')) words.push(argv.shift()!);
  const name = words.join(' ');
  if (!name || name === 'help' || (argv[0] === '--help' && !name)) {
    console.log(USAGE);
    return 0;
  }
  // The longest command name the words start with; the words after it are positional arguments.
  let cmd: Command | undefined;
  let positionals: string[] = [];
  for (let k = words.length; k > 0 && !cmd; k--) {
    cmd = COMMANDS.find((c) => c.name === words.slice(0, k).join(' '));
    positionals = words.slice(k);
  }
  if (!cmd || positionals.length > (cmd.positionals?.length ?? 0)) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(help(cmd));
    return 0;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(cmd.options).map(([k, o]) => [k, { type: o.type }])),
      strict: true,
      allowPositionals: true,
    }).values as Record<string, string | boolean | undefined>;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${help(cmd)}`);
    return 2;
  }
  const missing = Object.entries(cmd.options).filter(([k, o]) => o.required && values[k] === undefined);
  const missingArgs = (cmd.positionals ?? []).slice(positionals.length);
  if (missingArgs.length) {
    console.error(`Missing ${missingArgs.join(', ')}\n\n${help(cmd)}`);
    return 2;
  }
  (values as Record<string, unknown>)._ = positionals;
  if (missing.length) {
    console.error(`Missing ${missing.map(([k]) => `--${k}`).join(', ')}\n\n${help(cmd)}`);
    return 2;
  }
  return cmd.run(values, loadConfig());
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== -1) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof DatabaseBusyError || (err as { cliMessage?: boolean }).cliMessage) console.error(err.message);
    else if (err?.code && err?.status) console.error(`Error: ${err.code}${err.fields ? ` ${JSON.stringify(err.fields)}` : ''}`);
    else console.error(err);
    process.exit(1);
  },
);
