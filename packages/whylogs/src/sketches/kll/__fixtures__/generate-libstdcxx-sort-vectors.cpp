#include <algorithm>
#include <cstdio>
#include <vector>
#include <cmath>
// Reads arrays (a count, then the values) from libstdcxx-sort-inputs.mjs, sorts each with std::sort and prints
// one line per array: 1 where the sorted element is -0, else 0. See libstdcxx-sort-inputs.mjs for the command.
int main() {
  int count;
  while (scanf("%d", &count) == 1) {
    std::vector<double> v(count);
    for (int i = 0; i < count; i++) scanf("%la", &v[i]);
    std::sort(v.begin(), v.end());
    for (int i = 0; i < count; i++) putchar(v[i] == 0 && std::signbit(v[i]) ? 0x31 : 0x30);
    printf("\n");
  }
}
