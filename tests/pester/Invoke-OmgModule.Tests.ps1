BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    . (Join-Path $PSScriptRoot 'Module.Tests.Helpers.ps1')
    $script:Daemon = Start-ModuleTestDaemon
    $script:Socket = $script:Daemon.Socket
}

AfterAll { Stop-TestDaemon }

Describe 'Invoke-OmgModule' {
    It 'returns an Omg.ModuleResult whose data are objects, not JSON' {
        $result = Invoke-OmgModule test.echo -Socket $Socket -WarningAction SilentlyContinue
        $result | Should -BeOfType ([Omg.ModuleResult])
        $result.Name | Should -Be 'test.echo'
        $result.RetCode | Should -Be 0
        $result.Message | Should -Be 'echoed'
        $result.Data | Should -BeOfType ([System.Management.Automation.PSCustomObject])
        $result.Data.count | Should -Be 3
        $result.Data.count | Should -BeOfType ([long])
        $result.Data.ratio | Should -Be 0.5
        $result.Data.ok | Should -BeTrue
        $result.Data.none | Should -BeNullOrEmpty
        $result.Data.nested.list.Count | Should -Be 3
        $result.Data.nested.list[1] | Should -Be 'two'
        $result.Data.nested.list[2].three | Should -Be 3
        $result.Duration | Should -BeOfType ([timespan])
        $result.Duration | Should -BeGreaterThan ([timespan]::Zero)
        "$result" | Should -Be 'test.echo [0] echoed'
    }

    It 'moves the module''s logs out of its data and writes them to the verbose stream' {
        $verbose = $null
        $result = Invoke-OmgModule test.echo -Socket $Socket -Verbose -WarningAction SilentlyContinue 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [Omg.ModuleResult] }
        $result.Logs | Should -Be @('read the request')
        $result.Data.PSObject.Properties.Name | Should -Not -Contain '__sysinspect-module-logs'
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'test.echo: read the request'
    }

    It 'is refused with OmgInvalidArgument, naming the argument, when the module''s doc does not take it' {
        $cases = @(
            @{ Arguments = @{ colour = 'red' }; Says = "no argument 'colour'" },
            @{ Arguments = @{ count = 'three' }; Says = "argument 'count' must be an int" }
        )
        foreach ($case in $cases) {
            Invoke-OmgModule test.echo -Arguments $case.Arguments -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be 'OmgInvalidArgument,Omg.PowerShell.InvokeOmgModuleCommand'
            $errors[0].Exception.Message | Should -BeLike "*$($case.Says)*"
        }

        Invoke-OmgModule test.echo -Option loud -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike "*no option 'loud'*"
    }

    It 'sends -Arguments, -Option and -Extra as the seed''s contract' {
        $result = Invoke-OmgModule test.echo -Arguments @{ mask = '*.txt'; count = 2; list = @('a', 'b'); flag = $true } -Option verbose -Extra @{ trace_id = 'req-42' } -Socket $Socket -WarningAction SilentlyContinue
        $request = $result.Data.request
        $request.arguments.mask | Should -Be '*.txt'
        $request.arguments.count | Should -Be 2
        $request.arguments.count | Should -BeOfType ([long])
        $request.arguments.list | Should -Be @('a', 'b')
        $request.arguments.flag | Should -BeTrue
        $request.options | Should -Be @('verbose')
        $request.ext.trace_id | Should -Be 'req-42'
        $request.host.traits.'system.hostname' | Should -Be ([System.Net.Dns]::GetHostName())
    }

    It 'writes the module''s warnings to the warning stream' {
        $null = Invoke-OmgModule test.echo -Socket $Socket -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -Be 'test.echo: careful now'
    }

    It 'turns tabular data into one object per row with -AsTable' {
        $rows = @(Invoke-OmgModule test.table -AsTable -Socket $Socket)
        $rows.Count | Should -Be 3
        $rows[0].process | Should -Be 'dpkg'
        $rows[0].uid | Should -Be 'root'
        $rows[0].pid | Should -Be 1885
        $rows[2].process | Should -Be '/usr/libexec/upowerd'
        @($rows[0].PSObject.Properties.Name) | Should -Be @('process', 'uid', 'pid')
        ($rows | Where-Object pid -gt 3000).Count | Should -Be 2
    }

    It 'finds the tables among the members of compound data with -AsTable' {
        $rows = @(Invoke-OmgModule test.compound -AsTable -Socket $Socket)
        $rows.Count | Should -Be 2
        $rows.process | Should -Be @('dpkg', 'sshd')
    }

    It 'without -AsTable keeps the table as arrays' {
        $result = Invoke-OmgModule test.table -Socket $Socket
        $result.Data.Count | Should -Be 4
        $result.Data[0] | Should -Be @('process', 'uid', 'pid')
    }

    It 'says so and writes the result when -AsTable finds no table' {
        $out = Invoke-OmgModule test.scalar -AsTable -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.Data | Should -Be 'hello'
        $errors[0].FullyQualifiedErrorId | Should -Be 'OmgModuleDataNotTabular,Omg.PowerShell.InvokeOmgModuleCommand'
    }

    It 'reports a non-zero retcode as a non-terminating OmgModuleFailed error with the result as target' {
        $out = Invoke-OmgModule test.fail -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'OmgModuleFailed,Omg.PowerShell.InvokeOmgModuleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errors[0].TargetObject | Should -BeOfType ([Omg.ModuleResult])
        $errors[0].TargetObject.RetCode | Should -Be 3
        $errors[0].TargetObject.Data.pid | Should -Be 42
        $errors[0].ToString() | Should -Match 'no such process'
        $warnings[0].Message | Should -Be 'test.fail: looked everywhere'
    }

    It 'keeps going after a failed module in a pipeline' {
        $results = @('test.fail', 'test.echo' | Invoke-OmgModule -Socket $Socket -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $results.Count | Should -Be 1
        $results[0].Name | Should -Be 'test.echo'
    }

    It 'maps the daemon''s refusals to error ids: <Id> for <Name>' -ForEach @(
        @{ Name = 'test.nosuch'; Id = 'OmgModuleNotFound'; Category = 'ObjectNotFound'; Says = 'test.nosuch' }
        @{ Name = 'test..echo'; Id = 'OmgInvalidArgument'; Category = 'InvalidArgument'; Says = 'name' }
        @{ Name = '../etc/passwd'; Id = 'OmgInvalidArgument'; Category = 'InvalidArgument'; Says = 'name' }
        @{ Name = 'test.junk'; Id = 'OmgModuleFailed'; Category = 'InvalidResult'; Says = 'not valid JSON' }
    ) {
        Invoke-OmgModule $Name -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,Omg.PowerShell.InvokeOmgModuleCommand"
        $errors[0].CategoryInfo.Category | Should -Be $Category
        $errors[0].TargetObject | Should -Be $Name
        $errors[0].ToString() | Should -Match ([regex]::Escape($Says))
    }

    It 'has omgd kill a module past -TimeoutSec' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Invoke-OmgModule test.sleepy -TimeoutSec 1 -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $errors[0].FullyQualifiedErrorId | Should -Be 'OmgModuleFailed,Omg.PowerShell.InvokeOmgModuleCommand'
        $errors[0].ToString() | Should -Match 'timed out after 1000 ms'
    }

    It 'refuses a -TimeoutSec out of range' {
        { Invoke-OmgModule test.echo -TimeoutSec 0 -Socket $Socket } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Omg.PowerShell.InvokeOmgModuleCommand'
    }

    It 'stops on Ctrl+C and has the module and its child killed' {
        $pidFile = Join-Path $Daemon.State 'hang.pid'
        $childFile = Join-Path $Daemon.State 'child.pid'
        Remove-Item -LiteralPath $pidFile, $childFile -ErrorAction SilentlyContinue
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $RepoRoot 'Omg.psd1')'; Invoke-OmgModule test.hang -Socket '$Socket'")
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (Test-Path -LiteralPath $pidFile) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Test-Path -LiteralPath $pidFile | Should -BeTrue -Because 'the module started'
            Start-Sleep -Milliseconds 200
            $modulePid = [int](Get-Content -LiteralPath $pidFile)
            $childPid = [int](Get-Content -LiteralPath $childFile)
            Test-ProcessAlive $modulePid | Should -BeTrue
            Test-ProcessAlive $childPid | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'Ctrl+C does not wait for the module'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-ProcessGone $modulePid -TimeoutSeconds 5 | Should -BeTrue -Because 'omgd kills the module when its caller goes'
            Wait-ProcessGone $childPid -TimeoutSeconds 5 | Should -BeTrue -Because 'and its children'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'binds -Name from Get-OmgModule objects' {
        $result = Get-OmgModule test.echo -Socket $Socket | Invoke-OmgModule -Socket $Socket -WarningAction SilentlyContinue
        $result.Message | Should -Be 'echoed'
    }

    It 'completes -Name from the module index' {
        $line = "Invoke-OmgModule -Socket '$Socket' -Name test.ec"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'test.echo'
        $completion.CompletionMatches.CompletionText | Should -Not -Contain 'other.thing'
    }

    It 'formats as a table within 80 columns' {
        $result = Invoke-OmgModule test.table -Socket $Socket
        $text = $result | Format-Table | Out-String -Width 80
        $text | Should -Match 'RetCode'
        $text | Should -Match '3 processes'
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 80 }
    }
}
