import { CommanderError, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/program.js';

/** Parses argv with every command's action replaced by a recorder: help must never reach an action. */
async function parse(argv: string[]) {
  const program = buildProgram();
  const ran: string[] = [];
  let out = '';
  let err = '';
  const every = (command: Command): Command[] => [command, ...command.commands.flatMap(every)];
  for (const command of every(program)) {
    command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    if (command !== program)
      command.action(() => {
        ran.push(command.name());
      });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { exitCode: undefined, ran, out, err };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { exitCode: e.exitCode, code: e.code, ran, out, err };
  }
}

const commands = buildProgram().commands.map((c) => c.name());

describe('onepagepay --help', () => {
  it('knows every command of the CLI contract', () => {
    expect(commands).toEqual(expect.arrayContaining(['serve', 'worker', 'migrate', 'create-account', 'rotate-key', 'sandbox', 'backup', 'restore']));
  });

  it.each(commands)('%s --help prints its usage and runs nothing', async (name) => {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const result = await parse(argv);
      expect(result.exitCode).toBe(0);
      expect(result.ran).toEqual([]);
      expect(result.out).toContain(`Usage: onepagepay ${name}`);
      expect(result.err).toBe('');
    }
  });

  it.each(commands)('%s with an unknown option is a usage error that runs nothing', async (name) => {
    const required = name === 'create-account' ? ['--email', 'a@example.com', '--password', 'long enough pw'] : [];
    const result = await parse([name, ...required, '--frobnicate']);
    expect(result.exitCode).not.toBe(0);
    expect(result.code).toBe('commander.unknownOption');
    expect(result.ran).toEqual([]);
    expect(result.err).toContain("unknown option '--frobnicate'");
    expect(result.err).toContain(`Usage: onepagepay ${name}`);
  });

  it('the program --help lists every command', async () => {
    const result = await parse(['--help']);
    expect(result.exitCode).toBe(0);
    for (const name of commands) expect(result.out).toContain(name);
  });

  it('create-account passes its options to the action', async () => {
    const program = buildProgram();
    let seen: unknown;
    program.commands.find((c) => c.name() === 'create-account')!.action((options) => {
      seen = options;
    });
    await program.parseAsync(['create-account', '--email', 'a@example.com', '--password', 'long enough pw', '--json'], { from: 'user' });
    expect(seen).toEqual({ email: 'a@example.com', password: 'long enough pw', sandbox: false, json: true });
  });
});
