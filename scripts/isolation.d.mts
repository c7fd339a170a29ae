export const ISOLATION_HEADERS: Record<string, string>;
export function isolationHeadersFile(): import('vite').Plugin;
