import { fixtureReport, gradeFixture } from './test/report/fixture-run.js';
const run = await gradeFixture('submissions');
let t = Date.now();
await fixtureReport(run);
console.log('first', Date.now() - t);
t = Date.now();
await fixtureReport(run);
console.log('second', Date.now() - t);
