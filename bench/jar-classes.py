#!/usr/bin/env python3
"""Which classes of the Lambda jar its functions can reach (docs/aws.md "Cold start").

Follows, from every dev.meridian class, FunctionInvoker, and every class named in the jar's
spring.factories, AutoConfiguration.imports/.replacements, META-INF/services files and Spring
Boot's logging configuration: each class's constant-pool class references, the types in its
descriptors and signatures, and every string constant that names a class of the jar (so
ClassUtils.isPresent("...") and Class.forName("...") targets count as reached). Conservative:
it keeps more than the JVM loads. Prints the largest packages none of whose classes are reached
(what the shade filters in functions/app/pom.xml may drop) and the reached/total sizes.

Usage: bench/jar-classes.py [functions/app/target/meridian-app-*-aws.jar] [--min-bytes N]
"""
import glob, re, struct, sys, zipfile, collections

DESC = re.compile(r'L([\w/$]+)[;<]')
NAME = re.compile(r'[A-Za-z_$][\w$]*(?:[./][A-Za-z_$][\w$]*)+')
ROOT_FILES = ('META-INF/spring.factories',
              'META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports',
              'META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.replacements',
              'META-INF/MANIFEST.MF')

def constants(data):
    """Class names and every Utf8 constant of one class file."""
    count = struct.unpack('>H', data[8:10])[0]
    i, idx, utf8, classes = 10, 1, {}, []
    while idx < count:
        tag = data[i]
        if tag == 1:
            n = struct.unpack('>H', data[i + 1:i + 3])[0]
            utf8[idx] = data[i + 3:i + 3 + n].decode('utf-8', 'replace')
            i += 3 + n
        elif tag in (7, 8, 16, 19, 20):
            if tag == 7:
                classes.append(struct.unpack('>H', data[i + 1:i + 3])[0])
            i += 3
        elif tag == 15:
            i += 4
        elif tag in (3, 4, 9, 10, 11, 12, 17, 18):
            i += 5
        elif tag in (5, 6):
            i += 9
            idx += 1
        else:
            raise ValueError('constant tag %d' % tag)
        idx += 1
    names = set()
    for c in classes:
        s = utf8.get(c, '').lstrip('[')
        names.add(s[1:-1] if s.startswith('L') and s.endswith(';') else s)
    return names, set(utf8.values())

def named_in(text, classes):
    return {m.replace('.', '/') for m in NAME.findall(text) if m.replace('.', '/') in classes}

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    min_bytes = int(sys.argv[sys.argv.index('--min-bytes') + 1]) if '--min-bytes' in sys.argv else 15000
    jar = args[0] if args and not args[0].isdigit() else glob.glob('functions/app/target/meridian-app-*-aws.jar')[0]
    z = zipfile.ZipFile(jar)
    classes = {n[:-6] for n in z.namelist() if n.endswith('.class') and not n.startswith('META-INF/')}
    edges = {}
    for c in classes:
        refs, strings = constants(z.read(c + '.class'))
        e = {r for r in refs if r in classes}
        for s in strings:
            e |= {m for m in DESC.findall(s) if m in classes}
            if len(s) < 300:
                e |= named_in(s, classes)
        if '$' in c and c.rsplit('$', 1)[0] in classes:
            e.add(c.rsplit('$', 1)[0])
        edges[c] = e
    roots = {c for c in classes if c.startswith('dev/meridian/')}
    roots.add('org/springframework/cloud/function/adapter/aws/FunctionInvoker')
    for n in z.namelist():
        if n in ROOT_FILES or n.startswith('META-INF/services/') or n.startswith('org/springframework/boot/logging/'):
            if not n.endswith('/') and not n.endswith('.class'):
                roots |= named_in(z.read(n).decode('utf-8', 'replace'), classes)
    seen, stack = set(), list(roots)
    while stack:
        c = stack.pop()
        if c not in seen:
            seen.add(c)
            stack.extend(edges.get(c, ()) - seen)
    size, reached = collections.Counter(), collections.Counter()
    total = kept = 0
    for info in z.infolist():
        n = info.filename
        if not n.endswith('.class') or n.startswith('META-INF/'):
            continue
        cost = info.compress_size + 76 + 2 * len(n)  # data plus local and central zip headers
        total += cost
        kept += cost if n[:-6] in seen else 0
        parts = n.split('/')[:-1]
        for d in range(1, len(parts) + 1):
            p = '/'.join(parts[:d])
            size[p] += cost
            reached[p] += n[:-6] in seen
    dead = {p for p in size if reached[p] == 0}
    top = [p for p in dead if '/'.join(p.split('/')[:-1]) not in dead and size[p] >= min_bytes]
    print(f'{jar}: {len(classes)} classes, {len(seen)} reached; class bytes (with zip headers) '
          f'{total}, reached {kept}')
    print('largest unreached packages (bytes in the jar):')
    for p in sorted(top, key=lambda p: -size[p]):
        print(f'{size[p]:9d}  {p}/**')

if __name__ == '__main__':
    main()
