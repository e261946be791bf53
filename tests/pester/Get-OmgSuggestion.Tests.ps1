BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgSuggestion' {
    It 'takes the name by name and by position' {
        Get-OmgSuggestion -Name opnssl -Socket $Socket | Should -Contain 'openssl'
        Get-OmgSuggestion opnssl -Socket $Socket | Should -Contain 'openssl'
    }

    It 'writes plain names that scripts use as they are' {
        $names = @(Get-OmgSuggestion pyhton3 -Socket $Socket)
        $names | Should -Contain 'python3'
        $names[0] | Should -BeOfType ([string])
        ($names -join ',') | Should -Match '(^|,)python3(,|$)'
    }

    It 'takes names from the pipeline' {
        $suggestions = 'opnssl', 'vimm' | Get-OmgSuggestion -Socket $Socket -Detailed
        $suggestions.Query | Sort-Object -Unique | Should -Be @('opnssl', 'vimm')
        'opnssl', 'vimm' | Get-OmgSuggestion -Socket $Socket | Should -Contain 'vim'
    }

    It 'ranks suggestions from 1 and honours -Limit' {
        $suggestions = @(Get-OmgSuggestion vim -Limit 2 -Socket $Socket -Detailed)
        $suggestions.Count | Should -BeLessOrEqual 2
        $suggestions[0].Rank | Should -Be 1
        $suggestions[0] | Should -BeOfType ([Omg.Suggestion])
        "$($suggestions[0])" | Should -Be $suggestions[0].Name
        @(Get-OmgSuggestion vim -Limit 2 -Socket $Socket).Count | Should -BeLessOrEqual 2
    }

    It 'refuses a -Limit out of range' {
        { Get-OmgSuggestion vim -Limit 51 -Socket $Socket } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Omg.PowerShell.GetOmgSuggestionCommand'
    }

    It 'pipes into Get-OmgPackage by value and by property name' {
        Get-OmgSuggestion opnssl -Limit 1 -Socket $Socket | Get-OmgPackage -Socket $Socket | Should -BeOfType ([Omg.PackageDetail])
        Get-OmgSuggestion opnssl -Limit 1 -Socket $Socket -Detailed | Get-OmgPackage -Socket $Socket | Should -BeOfType ([Omg.PackageDetail])
    }

    It 'formats as a table with the expected columns' {
        $table = Get-OmgSuggestion vim -Socket $Socket -Detailed | Format-Table | Out-String
        foreach ($column in 'Rank', 'Name', 'Query') {
            $table | Should -Match $column
        }
    }

    It 'completes -Name from the daemon' {
        $line = "Get-OmgSuggestion -Socket '$Socket' -Name cur"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'curl'
    }
}
