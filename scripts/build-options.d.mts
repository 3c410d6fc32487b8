import type { BuildOptions } from 'esbuild';

export const root: string;
export const outdir: string;
export const stamp: string;
export const inputs: string[];
export const buildOptions: BuildOptions;
export function loadEsbuild(): Promise<typeof import('esbuild')>;
