# Dot-sourced by the module test files after Omg.Tests.Setup.ps1: writes fixture modules (sh and Python, as the
# seed's modules are plain executables) into a private module root and starts an omgd that runs them.

function New-TestModule {
    param([string] $Root, [string] $Name, [string] $Text)
    $path = Join-Path $Root ($Name -replace '\.', '/')
    New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
    Set-Content -LiteralPath $path -Value $Text -NoNewline
    & chmod 755 $path
    return $path
}

function Start-ModuleTestDaemon {
    <# An omgd over a module root of fixture modules; returns @{ Socket; Process; Root; State }. #>
    $socket = New-TestSocketPath
    $directory = Split-Path $socket
    $root = Join-Path $directory 'modules'
    # Where the hanging modules leave their pids, so that tests can check the processes are gone.
    $state = Join-Path $directory 'state'
    New-Item -ItemType Directory -Path $root, $state | Out-Null

    New-TestModule $root 'test.echo' @'
#!/usr/bin/python3
import json, sys
req = json.load(sys.stdin)
print(json.dumps({"retcode": 0, "message": "echoed", "warning": ["careful now"],
                  "data": {"request": req, "count": 3, "ratio": 0.5, "ok": True, "none": None,
                           "nested": {"list": [1, "two", {"three": 3}]},
                           "__sysinspect-module-logs": ["read the request"]}}))
'@ | Out-Null
    Set-Content -LiteralPath (Join-Path $root 'test/echo.mod_doc.yaml') -Value @'
name: echo
version: "1.2"
author: Omg tests
description: Echo the request back as data
arguments:
  - name: mask
    type: string
    required: false
    description: Globbing mask
    default: "*"
  - name: count
    type: int
    required: false
    description: How many
  - name: list
    type: list
    description: Names, as a list or a comma-separated string
  - name: flag
    type: bool
    description: A switch
options:
  - name: verbose
    description: Provide verbose output
examples:
  - description: Echo a mask
    code: |
      {"arguments": {"mask": "*.txt"}}
'@
    New-TestModule $root 'test.table' @'
#!/bin/sh
cat > /dev/null
printf '%s' '{"retcode": 0, "message": "3 processes", "data": [["process", "uid", "pid"], ["dpkg", "root", 1885], ["/usr/libexec/fwupd/fwupd", "root", 4055], ["/usr/libexec/upowerd", "root", 3137]]}'
'@ | Out-Null
    New-TestModule $root 'test.compound' @'
#!/bin/sh
cat > /dev/null
printf '%s' '{"retcode": 0, "message": "ok", "data": {"processes": [["process", "pid"], ["dpkg", 1885], ["sshd", 812]], "uptime": [4154595.94, 81372980.25]}}'
'@ | Out-Null
    New-TestModule $root 'test.scalar' @'
#!/bin/sh
cat > /dev/null
printf '%s' '{"retcode": 0, "message": "just text", "data": "hello"}'
'@ | Out-Null
    New-TestModule $root 'test.fail' @'
#!/bin/sh
cat > /dev/null
printf '%s' '{"retcode": 3, "message": "no such process", "warning": ["looked everywhere"], "data": {"pid": 42}}'
'@ | Out-Null
    New-TestModule $root 'test.junk' "#!/bin/sh`necho 'this is not json'`n" | Out-Null
    New-TestModule $root 'test.sleepy' "#!/bin/sh`nexec sleep 30`n" | Out-Null
    # Hangs with a child of its own; both write their pids first.
    New-TestModule $root 'test.hang' @"
#!/bin/sh
sleep 300 &
echo `$! > '$state/child.pid'
echo `$`$ > '$state/hang.pid'
wait
"@ | Out-Null
    New-TestModule $root 'other.thing' "#!/bin/sh`nprintf '%s' '{`"retcode`": 0, `"message`": `"other`"}'`n" | Out-Null

    $daemon = Start-TestDaemon -Socket $socket -ExtraArguments @("--Modules:Roots:0=$root")
    return [pscustomobject]@{ Socket = $daemon.Socket; Process = $daemon.Process; Root = $root; State = $state }
}

function Test-ProcessAlive {
    param([int] $Id)
    # A zombie still has an entry until reaped; only a running (or sleeping) process counts.
    $status = "/proc/$Id/status"
    if (-not (Test-Path -LiteralPath $status)) { return $false }
    $state = (Get-Content -LiteralPath $status -ErrorAction SilentlyContinue | Where-Object { $_ -like 'State:*' }) -replace '^State:\s*', ''
    return [bool]$state -and $state -notlike 'Z*'
}

function Wait-ProcessGone {
    param([int] $Id, [int] $TimeoutSeconds = 10)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (-not (Test-ProcessAlive $Id)) { return $true }
        Start-Sleep -Milliseconds 50
    }
    return $false
}
