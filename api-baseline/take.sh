#!/usr/bin/env bash
# Takes an API baseline: builds, from the sources of a git revision, every bundle that exports packages
# (a package-info.java with @Export under src/main) and files its jar into this Maven-layout repository
# as org.souk:<artifactId>:<version>. The build then checks each bundle's exported packages against it
# (bnd-baseline-maven-plugin, configured in bundles/pom.xml with souk.api.baseline = <version>).
#
#   api-baseline/take.sh <version> [<git revision>]     e.g. api-baseline/take.sh 1.0.0 v1.0.0
#
# Take one at each release, from the release's tag, with the release's version; then set
# souk.api.baseline in bundles/pom.xml to that version and commit both. A jar already taken for that
# version is kept, never rewritten (Maven keeps a copy of each in its local repository), so running it
# again with the current version only adds bundles that started exporting packages since.
set -euo pipefail
version=${1:?usage: take.sh <version> [<git revision>]}
rev=${2:-HEAD}
repo=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$repo" rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git -C "$root" archive "$rev" | tar -x -C "$work"
cd "$work"
modules=$(grep -rl '^@Export' --include=package-info.java bundles providers | grep '/src/main/' | cut -d/ -f1,2 | sort -u)
# package, not install: the local repository keeps the snapshots of the working tree.
mvn -B -ntp -q package -DskipTests -Dbnd.baseline.skip=true -pl "$(echo $modules | tr ' ' ,)" -am
for module in $modules; do
    artifact=${module#*/}
    dir="$repo/org/souk/$artifact/$version"
    if [ -f "$dir/$artifact-$version.jar" ]; then
        echo "baseline $version: $artifact kept as it was taken"
        continue
    fi
    mkdir -p "$dir"
    cp "$module/target/$artifact"-*.jar "$dir/$artifact-$version.jar"
    cat > "$dir/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <groupId>org.souk</groupId>
    <artifactId>$artifact</artifactId>
    <version>$version</version>
    <description>API baseline taken from $(git -C "$root" rev-parse --short "$rev")</description>
</project>
POM
    for file in "$dir/$artifact-$version.jar" "$dir/$artifact-$version.pom"; do
        sha1sum "$file" | cut -d' ' -f1 > "$file.sha1"
    done
    echo "baseline $version: $artifact"
done
