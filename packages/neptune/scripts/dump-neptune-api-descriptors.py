# Writes a FileDescriptorSet (binary) of the protobufs neptune-scale sends, taken from the
# descriptors compiled into the pinned neptune-api package (neptune_api.proto), with every
# dependency, in dependency order. Usage: python dump-neptune-api-descriptors.py OUT.binpb
import importlib
import sys

import neptune_api
from google.protobuf import descriptor_pb2

MODULES = [
    "neptune_api.proto.neptune_pb.ingest.v1.common_pb2",
    "neptune_api.proto.neptune_pb.ingest.v1.pub.ingest_pb2",
    "neptune_api.proto.neptune_pb.ingest.v1.pub.client_pb2",
    "neptune_api.proto.neptune_pb.ingest.v1.pub.request_status_pb2",
]

files = {}
order = []


def add(file_descriptor):
    if file_descriptor.name in files:
        return
    for dependency in file_descriptor.dependencies:
        add(dependency)
    proto = descriptor_pb2.FileDescriptorProto()
    file_descriptor.CopyToProto(proto)
    files[file_descriptor.name] = proto
    order.append(file_descriptor.name)


for name in MODULES:
    add(importlib.import_module(name).DESCRIPTOR)

descriptor_set = descriptor_pb2.FileDescriptorSet(file=[files[name] for name in order])
with open(sys.argv[1], "wb") as output:
    output.write(descriptor_set.SerializeToString())
print(f"neptune-api {getattr(neptune_api, '__version__', '?')}: {', '.join(order)}", file=sys.stderr)
