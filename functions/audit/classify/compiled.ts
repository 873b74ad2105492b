/**
 * Regexes compiled to machine code before their first run. V8 runs a new regex from bytecode first
 * and compiles it again to machine code on its second run; for the large alternations of the rules
 * the bytecode compile (with its peephole pass) costs several times the machine-code compile (the
 * role rule "hiring … <a job title>": ~45 ms against ~5 ms; OWN_COMPANY in templates.ts: ~45 against
 * ~10 ms), and the regexes here mostly run many times, so they paid for both. V8 compiles a regex
 * straight to machine code when it first runs over a subject of 1,000 characters or more (its
 * tier-up rule for long subjects): `compiled` runs it once over that many spaces (microseconds: every
 * pattern is linear, linear.test.ts), then resets lastIndex. Same regex, same matches
 * (gate.test.ts). No V8 flag is set: a flag changed at run time crashed the CLI (README, Speed).
 */

/** A subject long enough for V8 to compile a regex straight to machine code. */
const LONG_SUBJECT = ' '.repeat(1000);

/** `re`, compiled to machine code now (see above). */
export function compiled(re: RegExp): RegExp {
  re.exec(LONG_SUBJECT);
  re.lastIndex = 0;
  return re;
}

/** `re` compiled (`compiled`) on the first call of the function returned, not when its module loads (`aoi check` never runs it). */
export function compiledLater(re: RegExp): () => RegExp {
  let done = false;
  return () => {
    if (!done) {
      compiled(re);
      done = true;
    }
    return re;
  };
}
