import { readFileSync } from 'fs';
import { join } from 'path';
import { productName, productVersion, widgetsName } from '../lib/productVersion';

describe('productVersion', () => {
  it('is the name and version of package.json, so _genesys_widgets names the release it ships in', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
    expect({ productName, productVersion }).toEqual({ productName: pkg.name, productVersion: pkg.version });
    expect(widgetsName).toBe(`${pkg.name} ${pkg.version}`);
  });
});
