/** The console's entry point (bundled by apps/console/build.mjs into dist/console/app.js). */
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app') as HTMLElement);
