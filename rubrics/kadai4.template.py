# The lecture's own code (医療とAI・ビッグデータ応用 第4回 MLP, and the cells of kadai4.ipynb).
# Every student is expected to type this, so copy detection removes its fingerprints before comparing
# submissions (named by `template:` in kadai4.yaml). Cells are separated by `# %%` lines. Add here any
# code that the course hands out (a starter notebook, a snippet shown on a slide).

# %% 1. load the data
from tensorflow.keras.datasets import mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()

print(x_train.shape)
print(y_train.shape)
print(x_test.shape)
print(y_test.shape)

# %% 2. flatten to 784 values and scale to 0..1
x_train = x_train.reshape(x_train.shape[0],784)/255
x_test = x_test.reshape(x_test.shape[0],784)/255

print(x_train.shape)
print(x_test.shape)

# %% one-hot labels
from tensorflow.keras.utils import to_categorical
y_train = to_categorical(y_train,10)
y_test = to_categorical(y_test,10)

print(y_train.shape)
print(y_test.shape)

# %% 3. the model
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(32, input_shape=(784,), activation='relu'))
model.add(Dense(10, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])
model.summary()

# %% 4. predict before training
test = model.predict(x_test)
test.shape

# %%
print(test[1])
print(y_test[1])

# %% 5. look at the image
import matplotlib.pyplot as plt
plt.imshow(x_test[1],'gray')
plt.show()

# %%
import matplotlib.pyplot as plt
plt.imshow(x_test[1].reshape(28,28),'gray')
plt.show()

# %% 6. train
result = model.fit(x_train, y_train, epochs=30, batch_size=64, validation_split=0.2)

# %% 7. predict after training
test2 = model.predict(x_test)

# %%
print(test2[1])

# %%
import numpy as np
print(np.around(test2[1],3))
print(y_test[1])
