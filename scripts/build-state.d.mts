// Types of build-state.mjs (plain JS, so that the bin can load it without tsx).
export interface BuildStamp {
  startedAt: number;
  sources: number;
  inputs?: string[];
}
export interface BuildState {
  state: 'fresh' | 'stale' | 'missing';
  reason: string;
}
export const ROOT: string;
export const SERVER_OUT: string;
export const WEB_OUT: string;
export const SERVER_STAMP: string;
export const WEB_STAMP: string;
export function serverSources(): string[];
export function webSources(stamp: { inputs?: string[] } | null): string[];
export function readStamp(file: string): BuildStamp | null;
export function serverBuildState(): BuildState;
export function webBuildState(): BuildState;
export function writeStamp(file: string, startedAt: number, sources: number, extra?: Record<string, unknown>): void;
