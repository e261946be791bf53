BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    . (Join-Path $PSScriptRoot 'Module.Tests.Helpers.ps1')
    $script:Daemon = Start-ModuleTestDaemon
    $script:Socket = $script:Daemon.Socket
    $script:All = @(Get-OmgModule -Socket $script:Socket)
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgModule' {
    It 'lists the fixture root''s modules as Omg.Module objects' {
        $All.Count | Should -BeGreaterOrEqual 9
        foreach ($module in $All) { $module | Should -BeOfType ([Omg.Module]) }
        $All.Name | Should -Contain 'test.echo'
        $All.Name | Should -Contain 'other.thing'
        $All.Name | Should -Not -Contain 'test.echo.mod_doc.yaml'
        ($All | Where-Object Name -EQ 'test.table').Path | Should -Be (Join-Path $Daemon.Root 'test/table')
    }

    It 'carries the doc''s version and description' {
        $echo = $All | Where-Object Name -EQ 'test.echo'
        $echo.Version | Should -Be '1.2'
        $echo.Description | Should -Be 'Echo the request back as data'
        "$echo" | Should -Be 'test.echo 1.2'
        ($All | Where-Object Name -EQ 'test.table').Version | Should -BeNullOrEmpty
    }

    It 'carries the whole doc: author, arguments, options, examples' {
        $echo = $All | Where-Object Name -EQ 'test.echo'
        $echo.Author | Should -Be 'Omg tests'
        $echo.Arguments.Name | Should -Be @('mask', 'count', 'list', 'flag')
        $mask = $echo.Arguments[0]
        $mask | Should -BeOfType ([Omg.ModuleArgument])
        ($mask.Type, $mask.Required, $mask.Description, $mask.Default) | Should -Be @('string', $false, 'Globbing mask', '*')
        "$($echo.Arguments[1])" | Should -Be 'count:int'
        $echo.Options.Name | Should -Be @('verbose')
        $echo.Options[0].Description | Should -Be 'Provide verbose output'
        $echo.Examples.Count | Should -Be 1
        $echo.Examples[0] | Should -BeLike "Echo a mask`n{`"arguments`"*"
        ($All | Where-Object Name -EQ 'test.table').Arguments | Should -BeNullOrEmpty
    }

    It 'selects by name, by position and from the pipeline' {
        (Get-OmgModule -Name test.echo -Socket $Socket).Name | Should -Be 'test.echo'
        (Get-OmgModule test.echo -Socket $Socket).Name | Should -Be 'test.echo'
        ('test.echo', 'other.thing' | Get-OmgModule -Socket $Socket).Name | Should -Be @('other.thing', 'test.echo')
    }

    It 'filters with wildcards' {
        $test = @(Get-OmgModule 'test.*' -Socket $Socket)
        $test.Count | Should -Be ($All | Where-Object Name -Like 'test.*').Count
        $test.Name | Should -Not -Contain 'other.thing'
        (Get-OmgModule '*.th?ng' -Socket $Socket).Name | Should -Be 'other.thing'
        (Get-OmgModule 'TEST.ECHO' -Socket $Socket).Name | Should -Be 'test.echo'
    }

    It 'is silent when a wildcard matches nothing' {
        Get-OmgModule 'nosuch.*' -Socket $Socket -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'writes OmgModuleNotFound for a literal name that matches nothing' {
        Get-OmgModule 'test.nosuch' -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'OmgModuleNotFound,Omg.PowerShell.GetOmgModuleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'test.nosuch'
    }

    It 'completes -Name from the module index, wildcards included' {
        $line = "Get-OmgModule -Socket '$Socket' oth"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('other.thing')
        $line = "Get-OmgModule -Socket '$Socket' te*ta"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('test.table')
    }

    It 'formats as a table within 80 columns, also after a remoting boundary' {
        foreach ($sample in $All, ($All | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) })) {
            $sample[0].PSObject.TypeNames | Should -Contain (@('Omg.Module', 'Deserialized.Omg.Module') | Where-Object { $sample[0].PSObject.TypeNames -contains $_ } | Select-Object -First 1)
            $text = $sample | Format-Table | Out-String -Width 80
            $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
            $lines[0] | Should -Match '^Name\s+Version\s+Description'
            foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 }
        }
    }
}
