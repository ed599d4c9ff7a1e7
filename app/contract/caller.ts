import { z } from 'zod';

/** Which interface a request came through; recorded with every decision a person makes. */
export const InterfaceSchema = z.enum(['desktop', 'web', 'cli']);
export type Interface = z.infer<typeof InterfaceSchema>;

export const CallerSchema = z.object({
  interface: InterfaceSchema,
  /** A stable label for the person or process behind the call, e.g. "console session 3f2a…". */
  actor: z.string().min(1).max(200),
});
export type Caller = z.infer<typeof CallerSchema>;
