"""Real Python clients against a running libkg: SPARQLWrapper for the protocol
(every result format, an authenticated update) and rdflib for every RDF format
the server writes. Prints one JSON object with what each client read.

Usage: python3 python_client.py ENDPOINT_BASE TOKEN
"""
import json
import sys
import urllib.request

import rdflib
from SPARQLWrapper import CSV, JSON, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

base, token = sys.argv[1], sys.argv[2]
endpoint = base + "sparql"
out = {}

SELECT = "SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t } ORDER BY ?t"
CONSTRUCT = "CONSTRUCT { ?w <http://purl.org/dc/terms/title> ?t } WHERE { ?w <http://purl.org/dc/terms/title> ?t }"


def client(query, fmt):
    w = SPARQLWrapper(endpoint)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w


# SELECT in every solution format; SPARQLWrapper parses JSON and XML itself.
res = client(SELECT, JSON).query().convert()
out["select_json"] = [b["t"]["value"] for b in res["results"]["bindings"]]
doc = client(SELECT, XML).query().convert()
out["select_xml"] = [n.firstChild.nodeValue for n in doc.getElementsByTagName("literal")]
csv_text = client(SELECT, CSV).query().convert().decode("utf-8")
out["select_csv"] = csv_text.strip().splitlines()
tsv_text = client(SELECT, TSV).query().convert().decode("utf-8")
out["select_tsv"] = tsv_text.strip().splitlines()

out["ask_json"] = client("ASK { ?s ?p ?o }", JSON).query().convert()["boolean"]
ask_xml = client("ASK { ?s ?p ?o }", XML).query().convert()
out["ask_xml"] = ask_xml.getElementsByTagName("boolean")[0].firstChild.nodeValue

# CONSTRUCT: SPARQLWrapper hands RDF/XML to rdflib and returns Turtle/N3 as bytes.
for name, fmt in [("turtle", TURTLE), ("n3", N3), ("rdfxml", RDFXML)]:
    g = client(CONSTRUCT, fmt).query().convert()
    if isinstance(g, bytes):
        g = rdflib.Graph().parse(data=g, format=name)
    out["construct_" + name] = sorted(str(o) for o in g.objects())
# SPARQLWrapper 1.8 has no JSON-LD support with rdflib 6: rdflib reads the protocol response itself.
req = urllib.request.Request(endpoint + "?query=" + urllib.parse.quote(CONSTRUCT), headers={"Accept": "application/ld+json"})
with urllib.request.urlopen(req) as r:
    g = rdflib.Graph().parse(data=r.read().decode("utf-8"), format="json-ld")
    out["construct_jsonld"] = sorted(str(o) for o in g.objects())

# An update needs the bearer token.
w = SPARQLWrapper(endpoint)
w.setMethod(POST)
w.addCustomHttpHeader("Authorization", "Bearer " + token)
w.setQuery('INSERT DATA { GRAPH <http://example.org/py> { <http://example.org/py/s> <http://purl.org/dc/terms/title> "from python" } }')
out["update_status"] = w.query().response.status

# rdflib's own SPARQL store client: queries (SPARQL XML and JSON results) and an update with the token.
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

for fmt in ["xml", "json"]:
    st = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint, returnFormat=fmt, headers={"Authorization": "Bearer " + token})
    out["rdflib_store_" + fmt] = sorted(str(row.t) for row in st.query(SELECT))
st = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint, headers={"Authorization": "Bearer " + token})
st.update('INSERT DATA { GRAPH <http://example.org/rdflib> { <http://example.org/r> <http://example.org/p> "from rdflib" } }')
out["rdflib_store_ask"] = bool(st.query("ASK { GRAPH <http://example.org/rdflib> { ?s ?p ?o } }").askAnswer)

# rdflib parses every RDF format the graph store writes.
formats = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
graph_url = base + "store?graph=" + urllib.parse.quote("http://example.org/g1", safe="")
for media, fmt in formats.items():
    req = urllib.request.Request(graph_url, headers={"Accept": media})
    with urllib.request.urlopen(req) as r:
        data = r.read().decode("utf-8")
        ds = rdflib.Dataset()
        ds.parse(data=data, format=fmt)
        out["store_" + fmt] = len(ds)

print(json.dumps(out))
