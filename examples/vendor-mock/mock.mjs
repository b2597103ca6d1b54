// A vendor's mock of GET /v2/pointsLedger/getLedgerExplodeInfo in plain node:http, fed only the
// files `ledger-conformance dataset export` and `dataset transcript` write. It answers each
// request with the transcript's answer to it; the dataset's identities map credentials to the
// transcript's placeholders. Usage: node mock.mjs DATASET_JSON TRANSCRIPT_NDJSON [PORT]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [datasetFile, transcriptFile, port = '0'] = process.argv.slice(2);
const { identities } = JSON.parse(readFileSync(datasetFile, 'utf8'));
const base64 = (text) => Buffer.from(text).toString('base64');
const md5 = (text) => createHash('md5').update(text).digest('hex');
const placeholders = new Map(); // a credential header value -> the transcript's placeholder for it
for (const { role, basicUser: user, basicPassword: password, oauthToken } of identities) {
  placeholders.set(`Basic ${base64(`${user}:${md5(password)}`)}`, `Basic {{${role}.basic}}`);
  placeholders.set(`Basic ${base64(`${user}:${password}`)}`, `Basic {{${role}.basic-unhashed}}`);
  placeholders.set(`Basic ${base64(`${user}:${md5('wrong-password')}`)}`, `Basic {{${role}.basic-wrong-password}}`);
  placeholders.set(oauthToken, `{{${role}.token}}`);
}
const keyOf = (path, query, headers) =>
  JSON.stringify([path, query, ...['authorization', 'x-cap-api-oauth-token'].map((name) => placeholders.get(headers[name]) ?? headers[name] ?? '')]);
const answers = new Map();
for (const line of readFileSync(transcriptFile, 'utf8').split('\n').filter(Boolean).map((text) => JSON.parse(text))) {
  answers.set(keyOf(line.request.path, line.request.query, line.request.headers), line.response);
}
createServer((request, response) => {
  const [path, query = ''] = request.url.split(/\?(.*)/s);
  const answer = answers.get(keyOf(path, query, request.headers));
  if (!answer) return response.writeHead(501, { 'content-type': 'text/plain' }).end('not in the transcript');
  response.writeHead(answer.status, answer.headers).end(answer.body !== undefined ? JSON.stringify(answer.body) : answer.bodyText);
}).listen(Number(port), '127.0.0.1', function () {
  console.log(`http://127.0.0.1:${this.address().port}`);
});
