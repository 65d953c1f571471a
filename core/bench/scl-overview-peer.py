"""The peer of `relaygate scl FILE --json` in core/bench/scl-overview.bench.ts: Python's xml.etree
(ElementTree, C-accelerated by its _elementtree module) parses the same SCL file and counts the same
figures per IED: access points with their IP, LDs, LNs, data sets, RCBs and their instances, and
basic-typed leaves after resolving LNodeType -> DO -> DOType (SDOs) -> DA -> DAType (BDAs), array
counts ignored. Prints one JSON document {ieds: [{name, accessPoints, counts}]} to stdout.

    python3 core/bench/scl-overview-peer.py FILE

With RUSAGE_FD set, the process's resource use (CPU seconds, peak RSS in KiB) is written to that file
descriptor at the end, for the benchmark.
"""
import json
import os
import resource
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.iec.ch/61850/2003/SCL}'


def main(path):
    root = ET.parse(path).getroot()
    templates = root.find(NS + 'DataTypeTemplates')
    defs = {}
    for kind in ('LNodeType', 'DOType', 'DAType'):
        defs[kind] = {}
        for el in (templates.findall(NS + kind) if templates is not None else []):
            defs[kind].setdefault(el.get('id'), el)
    memo = {}

    def da_leaves(el, seen):
        if el.get('bType') != 'Struct':
            return 1
        return type_leaves('DAType', el.get('type'), seen)

    def type_leaves(kind, type_id, seen):
        key = (kind, type_id)
        if key in memo:
            return memo[key]
        el = defs[kind].get(type_id)
        if el is None or key in seen:
            return 0
        seen = seen | {key}
        n = 0
        for c in el:
            tag = c.tag[len(NS):]
            if tag in ('DA', 'BDA'):
                n += da_leaves(c, seen)
            elif tag in ('DO', 'SDO'):
                n += type_leaves('DOType', c.get('type'), seen)
        memo[key] = n
        return n

    ips = {}
    comm = root.find(NS + 'Communication')
    for cap in (comm.iter(NS + 'ConnectedAP') if comm is not None else []):
        for p in cap.iterfind(NS + 'Address/' + NS + 'P'):
            if p.get('type') == 'IP':
                ips.setdefault((cap.get('iedName'), cap.get('apName')), p.text)

    ieds = []
    for ied in root.findall(NS + 'IED'):
        counts = dict(logicalDevices=0, logicalNodes=0, dataSets=0, reportControls=0, reportInstances=0, leaves=0)
        aps = []
        for ap in ied.findall(NS + 'AccessPoint'):
            aps.append({'name': ap.get('name', ''), 'ip': ips.get((ied.get('name'), ap.get('name')))})
            for ld in ap.findall(NS + 'Server/' + NS + 'LDevice'):
                counts['logicalDevices'] += 1
                for ln in ld:
                    if ln.tag not in (NS + 'LN0', NS + 'LN'):
                        continue
                    counts['logicalNodes'] += 1
                    counts['leaves'] += type_leaves('LNodeType', ln.get('lnType'), frozenset())
                    counts['dataSets'] += len(ln.findall(NS + 'DataSet'))
                    for rc in ln.findall(NS + 'ReportControl'):
                        counts['reportControls'] += 1
                        enabled = rc.find(NS + 'RptEnabled')
                        indexed = rc.get('indexed', 'true') == 'true'
                        counts['reportInstances'] += int(enabled.get('max', '1')) if indexed and enabled is not None else 1
        ieds.append({'name': ied.get('name'), 'accessPoints': aps, 'counts': counts})
    json.dump({'ieds': ieds}, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1])
    if os.environ.get('RUSAGE_FD'):
        r = resource.getrusage(resource.RUSAGE_SELF)
        os.write(int(os.environ['RUSAGE_FD']), json.dumps({'cpu': r.ru_utime + r.ru_stime, 'maxRssKiB': r.ru_maxrss}).encode())
