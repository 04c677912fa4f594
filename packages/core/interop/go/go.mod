module github.com/tasklens/tasklens/packages/core/interop/go

go 1.21

require github.com/flyteorg/flyteplugins v1.0.67
