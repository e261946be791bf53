# Dot-sourced by Docs.Tests.ps1 (in BeforeDiscovery and BeforeAll): reads the code blocks of README.md and
# docs/*.md, starts the omgd the runnable ones are run against, and runs them. The marker rules are in
# docs/cli.md, "Docs are tested".

# Info strings: the first word says what a block is; `norun: <reason>` after a runnable kind keeps it from running.
$script:RunnableKinds = 'sh', 'console', 'powershell'
$script:ListingKinds = 'text', 'json', 'python', 'csharp', 'yaml', 'xml'

function Get-DocCodeBlock {
    <#
    Every fenced and indented code block of README.md and docs/*.md under -Root, with the file, its first line,
    the info string, the code and what the info string makes of it: Kind (sh, console, powershell, a listing kind,
    or '' when unmarked), Run, NoRunReason, Problem (why the block is not acceptable, or $null).
    #>
    param([Parameter(Mandatory)] [string] $Root)
    $files = @(Join-Path $Root 'README.md') + @(Get-ChildItem -LiteralPath (Join-Path $Root 'docs') -Filter '*.md' | Sort-Object Name | ForEach-Object FullName)
    foreach ($file in $files) {
        $relative = [IO.Path]::GetRelativePath($Root, $file)
        $lines = [IO.File]::ReadAllLines($file)
        $fence = $null
        $inList = $false
        $previousBlank = $true
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($fence) {
                if ($line -match ('^\s*' + [regex]::Escape($fence.Marker) + '\s*$')) {
                    New-DocCodeBlock -File $relative -Line $fence.Line -Info $fence.Info -Code ($fence.Code -join "`n")
                    $fence = $null
                    $previousBlank = $true
                }
                else {
                    $fence.Code.Add($line)
                }
                continue
            }
            if ($line -match '^(?<indent>\s*)(?<marker>```+|~~~+)\s*(?<info>.*)$') {
                $fence = @{ Marker = $Matches.marker; Info = $Matches.info.Trim(); Line = $i + 1; Code = [Collections.Generic.List[string]]::new() }
                continue
            }
            $blank = $line.Trim().Length -eq 0
            # An indented code block needs a blank line before it and cannot continue a list item.
            if (-not $blank -and $line -match '^(    |\t)' -and $previousBlank -and -not $inList) {
                $start = $i
                $code = [Collections.Generic.List[string]]::new()
                while ($i -lt $lines.Count -and ($lines[$i] -match '^(    |\t)' -or $lines[$i].Trim().Length -eq 0)) {
                    $code.Add($lines[$i]); $i++
                }
                $i--
                New-DocCodeBlock -File $relative -Line ($start + 1) -Indented -Code (($code -join "`n").TrimEnd())
                $previousBlank = $true
                continue
            }
            if ($line -match '^\s{0,3}([-*+]|\d+[.)])\s') {
                $inList = $true
            }
            elseif (-not $blank -and $line -notmatch '^\s') {
                $inList = $false
            }
            $previousBlank = $blank
        }
        if ($fence) {
            New-DocCodeBlock -File $relative -Line $fence.Line -Info $fence.Info -Code ($fence.Code -join "`n") -Problem 'the fence is never closed'
        }
    }
}

function New-DocCodeBlock {
    param([string] $File, [int] $Line, [string] $Info, [string] $Code, [string] $Problem, [switch] $Indented)
    $kind = ''
    $reason = $null
    if ($Indented) {
        $Problem = 'an indented code block cannot say what it is: fence it with an info string (docs/cli.md, "Docs are tested")'
    }
    elseif ($Info -match '^(?<kind>\S+)(\s+norun:\s*(?<reason>.*))?$') {
        $kind = $Matches.kind
        $reason = $Matches['reason']
        if ($kind -notin ($script:RunnableKinds + $script:ListingKinds)) {
            $Problem = "'$kind' is not a kind the doc tests know: one of $(($script:RunnableKinds + $script:ListingKinds) -join ', ')"
        }
        elseif ($Info -match 'norun' -and $kind -notin $script:RunnableKinds) {
            $Problem = "norun is for runnable kinds ($($script:RunnableKinds -join ', ')); a $kind block never runs"
        }
        elseif ($Info -match 'norun' -and -not $reason) {
            $Problem = 'norun needs a reason: norun: <why it cannot run in the tests>'
        }
        elseif ($Info -notmatch '^\S+$' -and $Info -notmatch 'norun:') {
            $Problem = "only 'norun: <reason>' may follow the kind in the info string '$Info'"
        }
    }
    else {
        $Problem = 'the fence has no info string: say what the block is (docs/cli.md, "Docs are tested")'
    }
    [pscustomobject]@{
        File = $File
        Line = $Line
        Info = $Info
        Kind = $kind
        Code = $Code
        Run = (-not $Problem) -and ($kind -in $script:RunnableKinds) -and -not $reason
        NoRunReason = $reason
        Problem = $Problem
    }
}

function Start-DocTestDaemon {
    <#
    The omgd the docs' examples run against: the basic fixture root saying it is Debian 12 (as the audit tests'),
    a private data directory, the fixture module root (tests/fixtures/modules) and sharelib (sysinspect-py3), and
    the fixture tracker as the configured advisory source, so that `omg advisories update` with no source works
    offline. Returns @{ Socket; Process; Directory; Arguments }.
    #>
    param([string] $Socket = (New-TestSocketPath))
    $directory = Split-Path $Socket
    $root = Join-Path $directory 'root'
    if (-not (Test-Path -LiteralPath $root)) {
        Copy-Item -LiteralPath $script:FixtureRoot -Destination $root -Recurse
        Copy-Item -LiteralPath (Join-Path $script:RepoRoot 'tests/fixtures/advisories/os-release') -Destination (Join-Path $root 'etc/os-release')
    }
    $fixtures = Join-Path $script:RepoRoot 'tests/fixtures'
    $arguments = @(
        (Get-TestDaemonPath), '--socket', $Socket, '--root', $root, '--data-dir', (Join-Path $directory 'data'),
        '--module-root', (Join-Path $fixtures 'modules'), '--sharelib', (Join-Path $fixtures 'sysinspect-py3'),
        '--log-file', (Join-Path $directory 'omgd.log'),
        "--Audit:Sources:0=$(Join-Path $fixtures 'advisories/debian-tracker.json')")
    $quoted = $arguments | ForEach-Object { '"{0}"' -f $_ }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -PassThru -RedirectStandardOutput (Join-Path $directory 'stdout.txt') -RedirectStandardError (Join-Path $directory 'stderr.txt')
    Wait-TestSocket -Socket $Socket -Process $process
    return [pscustomobject]@{ Socket = $Socket; Process = $process; Directory = $directory }
}

function Assert-DocTestDaemon {
    <# Examples may stop omgd (`omg daemon stop`, Stop-OmgDaemon): start it again on the same socket and data. #>
    if (-not (Get-OmgDaemon -Socket $script:Daemon.Socket).Reachable) {
        if (-not $script:Daemon.Process.HasExited) { $script:Daemon.Process.WaitForExit(10000) | Out-Null }
        $script:Daemon = Start-DocTestDaemon -Socket $script:Daemon.Socket
    }
}

function New-DocWorkDirectory {
    <#
    The folder the examples run in, holding the files they name: the fixture tracker as tracker.json and
    debian-tracker.json, the OSV fixtures as osv/, with the Debian ones zipped as osv/Debian-all.zip and
    debian-all.zip, names.txt, request.json; and bin/omg,
    the built CLI, for PATH.
    #>
    param([string] $Path)
    $advisories = Join-Path $script:RepoRoot 'tests/fixtures/advisories'
    New-Item -ItemType Directory -Path $Path, (Join-Path $Path 'bin'), (Join-Path $Path 'osv') | Out-Null
    foreach ($name in 'tracker.json', 'debian-tracker.json') {
        Copy-Item -LiteralPath (Join-Path $advisories 'debian-tracker.json') -Destination (Join-Path $Path $name)
    }
    Copy-Item -Path (Join-Path $advisories 'osv/*.json') -Destination (Join-Path $Path 'osv')
    Compress-Archive -Path (Join-Path $advisories 'osv/DEBIAN-*.json') -DestinationPath (Join-Path $Path 'osv/Debian-all.zip')
    Copy-Item -LiteralPath (Join-Path $Path 'osv/Debian-all.zip') -Destination (Join-Path $Path 'debian-all.zip')
    Set-Content -LiteralPath (Join-Path $Path 'names.txt') -Value 'curl', 'vim', 'nosuchpackage'
    Set-Content -LiteralPath (Join-Path $Path 'request.json') -Value '{"arguments": {"a": 2, "b": 5}}'
    $omg = Get-TestCliPath
    & ln -s $omg (Join-Path $Path 'bin/omg')
}

function Get-TestCliPath {
    $built = foreach ($configuration in 'Release', 'Debug') {
        Join-Path $script:RepoRoot "src/Omg.Cli/bin/$configuration/net10.0/omg"
    }
    $found = $built | Where-Object { Test-Path -LiteralPath $_ } |
        Sort-Object { (Get-Item -LiteralPath $_).LastWriteTimeUtc } -Descending | Select-Object -First 1
    if (-not $found) {
        throw "omg was not found under src/Omg.Cli/bin; run 'dotnet build omg.sln' first."
    }
    return $found
}

function ConvertTo-OutputPattern {
    <#
    The documented output as a regex over the real output (trailing spaces and blank lines dropped from both):
    each line must match in order, exactly, except that a run of spaces matches any run of spaces (columns
    widen with their values), a number matches any number and an absolute path any absolute path (times, counts,
    sockets differ from machine to machine), `{*}` in a line matches any text and a line `...` any number of lines.
    #>
    param([string[]] $Expected)
    $parts = foreach ($line in $Expected | Where-Object { $_.Trim() }) {
        if ($line.Trim() -eq '...') { '(?:[^\n]*\n)*?' }
        else {
            $tokens = [regex]::Split($line.TrimEnd(), '(\{\*}|(?<![\w/.])/[\w./-]+|(?<![A-Za-z])\d+(?:\.\d+)?| +)')
            $pattern = foreach ($token in $tokens) {
                if ($token -eq '{*}') { '[^\n]*' }
                elseif ($token -match '^/[\w./-]+$') { '/[^\s]+' }
                elseif ($token -match '^\d+(\.\d+)?$') { '\d+(?:\.\d+)?' }
                elseif ($token -match '^ +$') { ' +' }
                else { [regex]::Escape($token) }
            }
            ($pattern -join '') + '\n'
        }
    }
    return '\A' + ($parts -join '') + '\z'
}

function Format-DocOutput {
    <# Lines without trailing spaces, blank ones dropped, each ending in a newline. #>
    param([AllowEmptyCollection()] [string[]] $Text)
    $lines = @($Text -split '\r?\n' | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ })
    return ($lines | ForEach-Object { "$_`n" }) -join ''
}

function Split-Transcript {
    <#
    A console or PS> transcript as its commands: each line starting with the prompt is a command, the lines
    after it until the next prompt what the doc says it prints. Returns @{ Command; Expected; ExitCode }; the
    exit code is 0 unless the command's comment says `(exit N`.
    #>
    param([string] $Code, [string] $Prompt)
    $commands = [Collections.Generic.List[object]]::new()
    foreach ($line in $Code -split "`n") {
        if ($line.StartsWith($Prompt)) {
            $command = $line.Substring($Prompt.Length)
            $exit = if ($command -match '#.*\(exit (?<code>\d+)') { [int] $Matches.code } else { 0 }
            $commands.Add([pscustomobject]@{ Command = $command; Expected = [Collections.Generic.List[string]]::new(); ExitCode = $exit })
        }
        elseif ($commands.Count -gt 0) {
            $commands[-1].Expected.Add($line)
        }
        elseif ($line.Trim()) {
            throw "a transcript must start with a command ('$Prompt...'), not '$line'"
        }
    }
    return $commands
}

function Invoke-DocShell {
    <# Runs shell text in bash in the work folder with stderr merged into stdout; returns @{ Output; ExitCode }. #>
    param([string] $Text, [switch] $Script)
    $file = Join-Path $script:WorkDirectory ('block-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.sh')
    # A script stops at its first failure, as a reader would; a transcript's command stands alone.
    $prefix = if ($Script) { "set -eo pipefail`n" } else { "set -o pipefail`n" }
    Set-Content -LiteralPath $file -Value ($prefix + "{`n" + $Text + "`n} 2>&1")
    Push-Location $script:WorkDirectory
    try {
        $output = & bash $file
        $code = $LASTEXITCODE
    }
    finally {
        Pop-Location
        Remove-Item -LiteralPath $file
    }
    return [pscustomobject]@{ Output = ($output -join "`n"); ExitCode = $code }
}

function Invoke-DocPowerShell {
    <#
    Runs PowerShell text in a child scope in the work folder; returns @{ Output; Errors }: the output as the
    console would show it (errors as `Command: message` lines where they occur) and the error records written.
    #>
    param([string] $Text)
    Push-Location $script:WorkDirectory
    # A reader's console continues after a non-terminating error; the test setup may have made them stop.
    $ErrorActionPreference = 'Continue'
    try {
        $errors = [Collections.Generic.List[object]]::new()
        $block = [scriptblock]::Create($Text)
        $output = & $block 2>&1 | ForEach-Object {
            if ($_ -is [Management.Automation.ErrorRecord]) {
                $errors.Add($_)
                "$($_.InvocationInfo.MyCommand.Name): $_"
            }
            else { $_ }
        } | Out-String -Width 120
    }
    catch {
        $errors.Add($_)
        $output += "$_"
    }
    finally {
        Pop-Location
    }
    return [pscustomobject]@{ Output = $output; Errors = $errors }
}

function Get-HelpExample {
    <#
    Every example of the cmdlets' help (src/Omg.PowerShell/en-US/Omg.PowerShell.dll-Help.xml, the file Get-Help
    reads): Command, Number, Code, and NoRunReason when the code's first line is `# norun: <why>`.
    #>
    param([Parameter(Mandatory)] [string] $Root)
    [xml] $help = Get-Content -Raw -LiteralPath (Join-Path $Root 'src/Omg.PowerShell/en-US/Omg.PowerShell.dll-Help.xml')
    $ns = [Xml.XmlNamespaceManager]::new($help.NameTable)
    $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    foreach ($command in $help.SelectNodes('//command:command', $ns)) {
        $name = $command.SelectSingleNode('command:details/command:name', $ns).InnerText.Trim()
        $number = 0
        foreach ($example in $command.SelectNodes('command:examples/command:example', $ns)) {
            $number++
            $code = $example.SelectSingleNode('dev:code', $ns).InnerText
            $reason = if ($code -match '^\s*#\s*norun:\s*(?<reason>[^\r\n]+)') { $Matches.reason.Trim() } else { $null }
            [pscustomobject]@{ Command = $name; Number = $number; Code = $code; NoRunReason = $reason }
        }
    }
}

function Get-AboutExample {
    <# The EXAMPLES of en-US/about_Omg.help.txt (Get-Help about_Omg): one example a paragraph, as Get-HelpExample's. #>
    param([Parameter(Mandatory)] [string] $Root)
    $text = [IO.File]::ReadAllText((Join-Path $Root 'en-US/about_Omg.help.txt'))
    if ($text -notmatch '(?ms)^EXAMPLES\r?\n(?<body>.*?)^\S') { throw 'about_Omg.help.txt has no EXAMPLES section' }
    $number = 0
    foreach ($paragraph in $Matches.body -split '\r?\n\s*\r?\n' | Where-Object { $_.Trim() }) {
        $number++
        $code = $paragraph.Trim()
        $reason = if ($code -match '^#\s*norun:\s*(?<reason>[^\r\n]+)') { $Matches.reason.Trim() } else { $null }
        [pscustomobject]@{ Command = 'about_Omg'; Number = $number; Code = $code; NoRunReason = $reason }
    }
}
