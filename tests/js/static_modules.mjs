// Imports a module of static/ under node. static/ has no package.json saying "module" (and
// should not serve one), so its scripts are copied to a temporary folder that has one; relative
// imports between them (board/store.js -> ./order.js, ../shared/…) then resolve as in a browser.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

let copy = null;

export async function importStatic(staticDir, relativePath) {
  if (copy === null) {
    copy = mkdtempSync(join(tmpdir(), "rt-static-"));
    cpSync(staticDir, copy, {
      recursive: true,
      filter: (path) => !path.includes("/vendor") && !/\.(css|svg)$/.test(path),
    });
    writeFileSync(join(copy, "package.json"), '{"type": "module"}');
  }
  return import(pathToFileURL(join(copy, relativePath)).href);
}
