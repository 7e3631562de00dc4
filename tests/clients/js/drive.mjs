// Drives fetch-sparql-endpoint (the SPARQL client of Comunica) against a SPARQL endpoint and
// prints, as one JSON object, what it read: the bindings of a SELECT, the answer of an ASK,
// the triples of a CONSTRUCT and of a DESCRIBE, each term as {termType, value, language,
// datatype}. Usage: node drive.mjs ENDPOINT_URL GET|POST QUERIES_JSON
// (QUERIES_JSON: {"select": "...", "ask": "...", "construct": "...", "describe": "..."}).
import { SparqlEndpointFetcher } from 'fetch-sparql-endpoint';

const [endpoint, method, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const fetcher = new SparqlEndpointFetcher({ method, timeout: 30000 });

function term(t) {
  return {
    termType: t.termType,
    value: t.value,
    language: t.termType === 'Literal' ? t.language : undefined,
    datatype: t.termType === 'Literal' ? t.datatype.value : undefined,
  };
}

function collect(stream, shape) {
  return new Promise((resolve, reject) => {
    const found = [];
    stream.on('data', (item) => found.push(shape(item)));
    stream.on('error', reject);
    stream.on('end', () => resolve(found));
  });
}

function bindings(row) {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, term(value)]));
}

function triple(quad) {
  return [term(quad.subject), term(quad.predicate), term(quad.object)];
}

const answer = {
  select: await collect(await fetcher.fetchBindings(endpoint, queries.select), bindings),
  ask: await fetcher.fetchAsk(endpoint, queries.ask),
  askFalse: await fetcher.fetchAsk(endpoint, queries.askFalse),
  construct: await collect(await fetcher.fetchTriples(endpoint, queries.construct), triple),
  describe: await collect(await fetcher.fetchTriples(endpoint, queries.describe), triple),
};
process.stdout.write(JSON.stringify(answer));
