#!/usr/bin/env node
// The installed `warden` command: Node (>= 22.18) runs the TypeScript sources directly.
import '../app/cli/warden.ts';
