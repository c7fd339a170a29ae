import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The package folder a bundled module comes from, e.g. …/node_modules/@scope/name, or undefined. */
export function packageDirOf(moduleId: string): string | undefined {
  const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(moduleId.replace(/^\0/, '').split('?')[0]);
  return m?.[1];
}

/** One notice per package: name, version, licence, and the package's own licence text when it ships one. */
export function noticesText(packageDirs: Iterable<string>): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const dir of [...new Set(packageDirs)].sort()) {
    const pkgFile = join(dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
      name?: string;
      version?: string;
      license?: string;
      repository?: string | { url?: string };
    };
    const key = `${pkg.name}@${pkg.version}`;
    if (!pkg.name || seen.has(key)) continue;
    seen.add(key);
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f));
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    parts.push(
      [
        `${key}`,
        `License: ${pkg.license ?? 'not stated'}`,
        ...(repo ? [`Source: ${repo}`] : []),
        '',
        licenceFile
          ? readFileSync(join(dir, licenceFile), 'utf8').trim()
          : `(the package ships no licence file; its package.json names ${pkg.license ?? 'no licence'})`,
      ].join('\n'),
    );
  }
  return `Third-party software bundled in this build of Slidegraph\n\n${parts.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

/**
 * Writes THIRD_PARTY_LICENSES.txt beside the built site, naming every npm package whose code went
 * into a bundle (the page's and the workers', which vite builds in passes of their own), with its
 * licence text: elkjs's EPL-2.0 and the MIT/BSD/Apache notices require it.
 */
export function licenceNotices(): { page: Plugin; worker: () => Plugin } {
  const dirs = new Set<string>();
  const collect: Plugin['generateBundle'] = (_options, bundle) => {
    for (const out of Object.values(bundle)) {
      if (out.type !== 'chunk') continue;
      for (const id of Object.keys(out.modules)) {
        const dir = packageDirOf(id);
        if (dir) dirs.add(dir);
      }
    }
  };
  let outDir = 'dist';
  return {
    worker: () => ({ name: 'licence-notices-worker', apply: 'build', generateBundle: collect }),
    page: {
      name: 'licence-notices',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
      generateBundle: collect,
      closeBundle() {
        writeFileSync(join(outDir, 'THIRD_PARTY_LICENSES.txt'), noticesText(dirs));
      },
    },
  };
}
