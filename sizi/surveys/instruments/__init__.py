"""Survey instruments as versioned data: YAML files in `data/`, parsed by `definition`.

`definition` is pure (no Django); `loading` stores a file as a `SurveyInstrument`
row and gives the parsed `Instrument` back for a stored row.
"""
