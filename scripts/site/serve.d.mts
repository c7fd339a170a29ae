import type { Browser } from 'playwright-core';

export function buildSite(): Promise<{ dir: string; remove(): void }>;
export function serve(dir: string): Promise<{ url: string; close(): Promise<void> }>;
export function launch(): Promise<Browser>;
export function openSite(): Promise<{ url: string; browser: Browser; close(): Promise<void> }>;
