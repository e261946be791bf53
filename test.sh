#!/usr/bin/env bash
# The one test command (README, .ci/run and `./build.ps1 -Test` all run it): the xunit suite of omg.sln,
# then the packaged module's layout, then every tests/pester/*.Tests.ps1 under the PowerShell and Pester
# pinned in tests/pester/Omg.Pester.Runner.csproj, both restored from NuGet (nothing installed globally,
# no PSGallery). Results go to artifacts/ (xunit TRX, Pester NUnit XML). The exit status is non-zero when
# either part fails or the Pester part ran no test; the last line counts both parts.
set -uo pipefail
cd "$(dirname "$0")"

usage() {
    echo "usage: ./test.sh [--configuration Release|Debug] [--no-build] [--pester-only]"
}

configuration=Release
no_build=()
run_xunit=1
while [ $# -gt 0 ]; do
    case "$1" in
        -c|--configuration)
            [ $# -ge 2 ] || { echo "test.sh: $1 needs a value" >&2; usage >&2; exit 2; }
            configuration=$2; shift 2 ;;
        --no-build) no_build=(--no-build); shift ;;
        --pester-only) run_xunit=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "test.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
case "$configuration" in
    Release|Debug) ;;
    *) echo "test.sh: --configuration must be Release or Debug, not '$configuration'" >&2; exit 2 ;;
esac

rm -rf artifacts/xunit artifacts/pester
status=0

# --- xunit -------------------------------------------------------------------------------------------
if [ "$run_xunit" = 1 ]; then
    # Build everything first, then test without building: `dotnet test` on a solution otherwise runs one test
    # project while it still builds the next, and a project rebuilt then (omg, with omgd laid beside it) can be
    # caught half laid out by a test that checks the layout.
    if [ ${#no_build[@]} -eq 0 ]; then
        dotnet build omg.sln --configuration "$configuration" --nologo -v:q || status=1
    fi
    # Line coverage by coverlet's collector (Cobertura files beside the TRX ones), summed up after Pester.
    dotnet test omg.sln --configuration "$configuration" --no-build --nologo \
        --logger trx --collect "XPlat Code Coverage" --results-directory artifacts/xunit || status=1
elif [ ${#no_build[@]} -eq 0 ]; then
    # Pester drives the built module and omgd, so they are built even when xunit is left out.
    dotnet build omg.sln --configuration "$configuration" --nologo -v:q || status=1
fi

# --- Pester ------------------------------------------------------------------------------------------
pester_status=0
if ! dotnet restore tests/pester/Omg.Pester.Runner.csproj --nologo -v:q; then
    echo "test.sh: could not restore PowerShell and Pester (tests/pester/Omg.Pester.Runner.csproj)" >&2
    pester_status=1
else
    # MSBuild knows the package folder (NUGET_PACKAGES, nuget.config) and the pinned versions.
    paths=$(dotnet msbuild tests/pester/Omg.Pester.Runner.csproj -nologo -getProperty:PwshDll -getProperty:PesterManifest)
    pwsh_dll=$(sed -n 's/^ *"PwshDll": "\(.*\)",\{0,1\}$/\1/p' <<<"$paths")
    pester_manifest=$(sed -n 's/^ *"PesterManifest": "\(.*\)",\{0,1\}$/\1/p' <<<"$paths")
    if [ ! -f "$pwsh_dll" ] || [ ! -f "$pester_manifest" ]; then
        echo "test.sh: the restore did not leave pwsh.dll and Pester.psd1 where MSBuild says: '$pwsh_dll', '$pester_manifest'" >&2
        pester_status=1
    else
        pwsh() { dotnet "$pwsh_dll" -NoProfile -NonInteractive "$@"; }
        # The packaged module (out/Omg/<version>/) is under test too: lay it out from this build.
        pwsh -File build.ps1 -NoBuild -Package -Configuration "$configuration" || pester_status=1
        mkdir -p artifacts/pester
        OMG_TEST_CONFIGURATION=$configuration pwsh -File tests/pester/Invoke-Pester.ps1 \
            -PesterManifest "$pester_manifest" -ResultPath artifacts/pester/pester-results.xml 2>&1 | tee artifacts/pester/pester.log
        [ "${PIPESTATUS[0]}" = 0 ] || pester_status=1
        # A report, never a failure: the figure is printed for the README's test section and the CI log.
        if [ "$run_xunit" = 1 ]; then
            pwsh -File tests/Measure-Coverage.ps1 -Directory artifacts/xunit || echo "test.sh: no coverage figure (see above)" >&2
        fi
    fi
fi
[ "$pester_status" = 0 ] || status=1

# --- Summary -----------------------------------------------------------------------------------------
# Sums one attribute over the TRX files' <Counters .../> and the NUnit file's <test-results .../>.
count() {
    local pattern=$1 attribute=$2; shift 2
    cat "$@" 2>/dev/null | grep -o "$pattern[^>]*" | grep -o " $attribute=\"[0-9]*\"" | grep -o '[0-9]\+' | awk '{ s += $1 } END { print s + 0 }'
}
shopt -s nullglob
trx=(artifacts/xunit/*.trx)
x_passed=$(count '<Counters ' passed "${trx[@]}")
x_failed=$(( $(count '<Counters ' failed "${trx[@]}") + $(count '<Counters ' error "${trx[@]}") ))
x_skipped=$(count '<Counters ' notExecuted "${trx[@]}")
# The Pester runner's closing line counts files that did not load as failures, which the XML does not.
read -r p_passed p_failed p_skipped < <(sed -n 's/^Pester: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' artifacts/pester/pester.log 2>/dev/null | tail -1)
p_passed=${p_passed:-0}; p_failed=${p_failed:-0}; p_skipped=${p_skipped:-0}
# A Pester part that failed without a failing test (no restore, no package, no closing line) still counts once.
if [ "$pester_status" != 0 ] && [ "$p_failed" = 0 ]; then p_failed=1; fi
# CI shows only the tail of the log: name each failed xunit test there, with the first line of its message.
if [ "$x_failed" != 0 ]; then
    echo "Failed xunit tests:"
    for file in "${trx[@]}"; do
        # TRX puts each result on its own <UnitTestResult ...> element, its message a few lines below.
        awk '
            /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
            want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "  " name ": " substr(line, 1, 300); want = 0 }
        ' "$file"
    done
fi
if [ "$run_xunit" = 1 ]; then
    echo "xunit: $x_passed passed, $x_failed failed, $x_skipped skipped"
fi
echo "Pester: $p_passed passed, $p_failed failed, $p_skipped skipped"
if [ "$status" != 0 ]; then
    echo "test.sh: FAILED (see above)"
fi
echo "Total: $((x_passed + p_passed)) passed, $((x_failed + p_failed)) failed, $((x_skipped + p_skipped)) skipped"
exit "$status"
