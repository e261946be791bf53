# The documentation's examples, run: every code block of README.md and docs/*.md says what it is, the sh,
# console and powershell ones run against a fixture omgd (console and PS> transcripts print what the doc
# shows), and so does every example of the cmdlets' help. The rules are in docs/cli.md, "Docs are tested".
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Docs.Tests.Helpers.ps1')
    $repoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    # Pester hands -ForEach hashtables to each test as variables.
    $table = { $row = @{}; foreach ($property in $_.PSObject.Properties) { $row[$property.Name] = $property.Value }; $row }
    $found = @(Get-DocCodeBlock -Root $repoRoot)
    $blocks = @($found | ForEach-Object $table)
    $runnable = @($found | Where-Object Run | ForEach-Object $table)
    $notRun = @($found | Where-Object NoRunReason | ForEach-Object $table)
    $cmdletExamples = @(Get-HelpExample -Root $repoRoot)
    $helpCommands = @($cmdletExamples.Command | Sort-Object -Unique)
    $examples = $cmdletExamples + @(Get-AboutExample -Root $repoRoot)
    $runExamples = @($examples | Where-Object { -not $_.NoRunReason } | ForEach-Object $table)
    $skippedExamples = @($examples | Where-Object NoRunReason | ForEach-Object $table)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    . (Join-Path $PSScriptRoot 'Docs.Tests.Helpers.ps1')
    $script:Daemon = Start-DocTestDaemon
    $script:WorkDirectory = Join-Path $script:Daemon.Directory 'work'
    New-DocWorkDirectory -Path $script:WorkDirectory
    # As a reader's shell has them: `omg` on the PATH and the socket as the default, so the examples need no -Socket.
    $script:SavedPath = $env:PATH
    $env:PATH = (Join-Path $script:WorkDirectory 'bin') + [IO.Path]::PathSeparator + $env:PATH
    $env:OMG_SOCKET = $script:Daemon.Socket
    # The job and remoting examples import the module by name: the package that test.sh lays out in out/.
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Join-Path $script:RepoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
    # What `omg audit` and Invoke-OmgAudit examples audit: the fixture advisories.
    Update-OmgAdvisory -Socket $script:Daemon.Socket -Source (Join-Path $script:RepoRoot 'tests/fixtures/advisories/debian-tracker.json') | Out-Null
}

AfterAll {
    $env:PATH = $script:SavedPath
    $env:PSModulePath = $script:SavedModulePath
    Remove-Item Env:OMG_SOCKET -ErrorAction SilentlyContinue
    Stop-TestDaemon
}

Describe 'The code blocks of README.md and docs/*.md' {
    It 'are found: <Count>, <Runnable> of them run' -ForEach @{ Count = $blocks.Count; Runnable = $runnable.Count } {
        # A parser that lost the blocks would pass every test below.
        $Count | Should -BeGreaterThan 30
        $Runnable | Should -BeGreaterThan 15
    }

    It '<File>:<Line> says what it is (<Info>)' -ForEach $blocks {
        $Problem | Should -BeNullOrEmpty -Because "$File line $Line needs a marker"
    }
}

Describe 'Runnable blocks' {
    BeforeEach {
        Assert-DocTestDaemon
        $env:OMG_SOCKET = $script:Daemon.Socket
    }

    It '<File>:<Line> (<Kind>) runs as documented' -ForEach $runnable {
        switch ($Kind) {
            'sh' {
                $result = Invoke-DocShell -Text $Code -Script
                $result.ExitCode | Should -Be 0 -Because "$File line ${Line}:`n$($result.Output)"
            }
            'console' {
                foreach ($step in Split-Transcript -Code $Code -Prompt '$ ') {
                    $result = Invoke-DocShell -Text $step.Command
                    $result.ExitCode | Should -Be $step.ExitCode -Because "'$($step.Command)' ($File line $Line) printed:`n$($result.Output)"
                    if ($step.Expected | Where-Object { $_.Trim() }) {
                        Format-DocOutput $result.Output | Should -Match (ConvertTo-OutputPattern $step.Expected) -Because "'$($step.Command)' ($File line $Line) prints what the doc shows"
                    }
                    Assert-DocTestDaemon
                }
            }
            'powershell' {
                if ($Code -match '(?m)^PS> ') {
                    foreach ($step in Split-Transcript -Code $Code -Prompt 'PS> ') {
                        $result = Invoke-DocPowerShell -Text $step.Command
                        if ($step.Expected | Where-Object { $_.Trim() }) {
                            Format-DocOutput $result.Output | Should -Match (ConvertTo-OutputPattern $step.Expected) -Because "'$($step.Command)' ($File line $Line) prints what the doc shows"
                        }
                        else {
                            $result.Errors | Should -BeNullOrEmpty -Because "'$($step.Command)' ($File line $Line)"
                        }
                    }
                }
                else {
                    $result = Invoke-DocPowerShell -Text $Code
                    $result.Errors | Should -BeNullOrEmpty -Because "$File line ${Line}:`n$($result.Output)"
                }
            }
        }
    }
}

Describe 'Blocks that do not run' {
    # Listed as skipped, with their reasons, so that a run shows what the docs leave untested.
    It '<File>:<Line> (<Kind>): <NoRunReason>' -ForEach $notRun {
        Set-ItResult -Skipped -Because $NoRunReason
    }
}

Describe 'The examples of the cmdlets'' help' {
    BeforeEach {
        Assert-DocTestDaemon
        $env:OMG_SOCKET = $script:Daemon.Socket
    }

    It 'cover every cmdlet of the module: <Commands>' -ForEach @{ Commands = $helpCommands; About = @($examples | Where-Object Command -eq about_Omg).Count } {
        $About | Should -BeGreaterThan 3 -Because 'about_Omg has examples too'
        $exported = @((Get-Command -Module Omg -CommandType Cmdlet).Name | Sort-Object -Unique)
        $exported.Count | Should -BeGreaterThan 10
        $Commands | Should -Be $exported
    }

    It '<Command> example <Number> runs without an error' -ForEach $runExamples {
        $result = Invoke-DocPowerShell -Text $Code
        $result.Errors | Should -BeNullOrEmpty -Because "$Command example ${Number}: $Code`n$($result.Output)"
    }

    It '<Command> example <Number>: <NoRunReason>' -ForEach $skippedExamples {
        Set-ItResult -Skipped -Because $NoRunReason
    }
}
