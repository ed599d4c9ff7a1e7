import { z } from 'zod';

/*
 * Must be the first import of main.tsx. zod compiles fast object parsers with `new Function`,
 * which the console's CSP (no 'unsafe-eval') forbids: even the probe for it is reported as a
 * violation. The choice is read when each schema is created, so it has to be made before the
 * contract's schemas are.
 */
z.config({ jitless: true });
