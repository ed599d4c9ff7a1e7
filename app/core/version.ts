import pkg from '../../package.json' with { type: 'json' };

export const wardenVersion: string = pkg.version;
