<#
.SYNOPSIS
Line coverage of the product's code by the xunit suites, from the Cobertura files coverlet writes.

.DESCRIPTION
Each test project's Cobertura file covers every assembly that project loads, so Omg.Protocol, say, appears in six of
them; a line counts as covered when any suite ran it. Generated code (under obj/) is left out. omgd and omg started
as processes by the end-to-end tests are not instrumented, so the figure is a floor: what those processes run is
covered by those tests but not counted here.

.PARAMETER Directory
Where `dotnet test --collect "XPlat Code Coverage"` left its results (test.sh: artifacts/xunit).
#>
param([Parameter(Mandatory)][string] $Directory)

$files = [IO.Directory]::GetFiles($Directory, 'coverage.cobertura.xml', [IO.SearchOption]::AllDirectories)
if ($files.Count -eq 0) {
    Write-Error "no coverage.cobertura.xml under $Directory"
    exit 1
}

$covered = [Collections.Generic.Dictionary[string, bool]]::new()
$assemblyOf = [Collections.Generic.Dictionary[string, string]]::new()
foreach ($file in $files) {
    $xml = [xml][IO.File]::ReadAllText($file)
    $source = @($xml.coverage.sources.source)[0]
    foreach ($package in $xml.coverage.packages.package) {
        foreach ($class in $package.classes.class) {
            if ($class.filename.StartsWith('obj/')) { continue }
            $path = [IO.Path]::Combine($source, $class.filename)
            foreach ($line in $class.lines.line) {
                $key = "${path}:$($line.number)"
                $hit = [int]$line.hits -gt 0
                $assemblyOf[$key] = $package.name
                if (-not $covered.ContainsKey($key)) { $covered[$key] = $hit } elseif ($hit) { $covered[$key] = $true }
            }
        }
    }
}

$rows = $covered.Keys | Group-Object { $assemblyOf[$_] } | Sort-Object Name | ForEach-Object {
    $hit = @($_.Group | Where-Object { $covered[$_] }).Count
    [pscustomobject]@{ Assembly = $_.Name; Lines = $_.Count; Covered = $hit; Percent = [math]::Round(100.0 * $hit / $_.Count, 1) }
}
$total = @($covered.Values | Where-Object { $_ }).Count
$rows | Format-Table -AutoSize | Out-String -Width 100 | Write-Host
Write-Host ("Line coverage (xunit, in process): {0:0.0} % of {1} lines" -f (100.0 * $total / $covered.Count), $covered.Count)
